package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.kafka.KafkaRecord;
import org.junit.jupiter.api.Test;

/** Event time comes from valid transactions only; profiles never move it. */
class EventTimeTest {

    /** Records what a generator emits. */
    static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {
        }
    }

    private static final Either<DeadLetter, Transaction> DEAD = Either.Left(
            DeadLetters.of(new KafkaRecord("t", 0, 0L, 0L, null, new byte[] {1}), "garbage"));

    @Test
    void dead_letters_neither_move_the_watermark_nor_keep_a_partition_active() throws Exception {
        var strategy = EventTime.transactions(Duration.ofMinutes(1), Duration.ofMillis(50));
        WatermarkGenerator<Either<DeadLetter, Transaction>> g = strategy.createWatermarkGenerator(null);
        var timestamps = strategy.createTimestampAssigner(null);
        Transaction tx = Tx.cashDeposit("CY-1", 10).at(Tx.T0).build();
        Output out = new Output();

        g.onEvent(Either.Right(tx), timestamps.extractTimestamp(Either.Right(tx), 0L), out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(Tx.T0.toEpochMilli() - 60_000 - 1), out.watermarks);
        assertEquals(Long.MIN_VALUE, timestamps.extractTimestamp(DEAD, 123L), "a dead letter has no time");

        long until = System.currentTimeMillis() + 200;
        while (System.currentTimeMillis() < until) {   // only garbage for longer than the idleness
            g.onEvent(DEAD, Long.MIN_VALUE, out);
            g.onPeriodicEmit(out);
            Thread.sleep(5);
        }
        assertTrue(out.idle > 0, "a partition with only dead letters turns idle");
        assertTrue(out.watermarks.stream().allMatch(w -> w == Tx.T0.toEpochMilli() - 60_001), out.watermarks.toString());
    }

    @Test
    void a_future_dated_profile_emits_no_watermark_and_the_profile_input_turns_idle() throws Exception {
        var strategy = EventTime.<PartyProfile>profiles(Duration.ofMillis(50));
        WatermarkGenerator<PartyProfile> g = strategy.createWatermarkGenerator(null);
        PartyProfile future = Profiles.person("P-1", "CY-1", 1000).setUpdatedAt(Tx.T0.plusSeconds(86_400L * 3650)).build();
        Output out = new Output();
        g.onEvent(future, future.getUpdatedAt().toEpochMilli(), out);
        g.onPeriodicEmit(out);
        assertEquals(0, out.idle, "active while profiles are read: holds event time back");
        Thread.sleep(100);
        g.onPeriodicEmit(out);
        assertEquals(List.of(), out.watermarks, "never a watermark: cannot move the screening operator's event time");
        assertEquals(1, out.idle, "idle once no profile came for the idleness");
    }
}
