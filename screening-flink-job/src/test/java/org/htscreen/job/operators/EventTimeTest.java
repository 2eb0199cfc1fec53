package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** Transactions' watermarks per partition (valid transactions only, idleness on the input activity clock); profiles never move event time. */
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

    @Test
    void a_future_dated_profile_emits_no_watermark_and_the_profile_input_turns_idle() throws Exception {
        var strategy = EventTime.<PartyProfile>profiles(Duration.ofMillis(50));
        ManualClock activityClock = new ManualClock(1_000_000_000L);
        WatermarkGenerator<PartyProfile> g = strategy.createWatermarkGenerator(activity(activityClock));
        PartyProfile future = Profiles.person("P-1", "CY-1", 1000).setUpdatedAt(Tx.T0.plusSeconds(86_400L * 3650)).build();
        Output out = new Output();
        g.onEvent(future, future.getUpdatedAt().toEpochMilli(), out);
        g.onPeriodicEmit(out);
        assertEquals(0, out.idle, "active while profiles are read: holds event time back");
        Thread.sleep(100);
        g.onPeriodicEmit(out);
        assertEquals(0, out.idle, "not idle while back-pressured (the input activity clock stands still)");
        activityClock.advanceTime(Duration.ofMillis(100));
        g.onPeriodicEmit(out);
        assertEquals(List.of(), out.watermarks, "never a watermark: cannot move the screening operator's event time");
        assertEquals(1, out.idle, "idle once no profile came for the idleness");
    }

    /** A generator context whose input activity clock the test drives (Flink stops it while the source is back-pressured). */
    private static WatermarkGeneratorSupplier.Context activity(RelativeClock clock) {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        };
    }

    private static Either<DeadLetter, Transaction> valid(long epochMillis) {
        return Either.Right(Tx.cashDeposit("CY-1", 100).id("T-" + epochMillis).at(java.time.Instant.ofEpochMilli(epochMillis)).build());
    }

    private static Either<DeadLetter, Transaction> deadLetter() {
        return Either.Left(DeadLetter.newBuilder().setSourceTopic("transactions").setPartition(0).setOffset(0L)
                .setReason("not Avro").setTime(java.time.Instant.EPOCH).build());
    }

    private static void onEvent(WatermarkStrategy<Either<DeadLetter, Transaction>> s, WatermarkGenerator<Either<DeadLetter, Transaction>> g,
            Either<DeadLetter, Transaction> e, Output out) {
        g.onEvent(e, s.createTimestampAssigner(() -> null).extractTimestamp(e, 0L), out);
    }

    @Test
    void a_partition_whose_transactions_wait_behind_a_busy_operator_does_not_turn_idle() throws Exception {
        var strategy = EventTime.transactions(Duration.ofMinutes(5), Duration.ofMillis(50));
        ManualClock activityClock = new ManualClock(1_000_000_000L);   // stands still: the source is back-pressured
        var g = strategy.createWatermarkGenerator(activity(activityClock));
        Output out = new Output();
        onEvent(strategy, g, valid(10 * 60_000L), out);
        g.onPeriodicEmit(out);
        Thread.sleep(150);   // three times the idleness of wall-clock time, none of input activity
        g.onPeriodicEmit(out);
        g.onPeriodicEmit(out);
        assertEquals(0, out.idle, "back-pressure is not idleness: its watermark must keep holding the others back");
        assertEquals(List.of(5 * 60_000L - 1, 5 * 60_000L - 1, 5 * 60_000L - 1), out.watermarks);

        activityClock.advanceTime(Duration.ofMillis(60));   // the source could read, and no transaction came
        g.onPeriodicEmit(out);
        assertEquals(1, out.idle, "idle after the idleness of input activity without a transaction");
    }

    @Test
    void dead_letters_neither_move_a_partitions_watermark_nor_keep_it_active() {
        var strategy = EventTime.transactions(Duration.ofMinutes(5), Duration.ofMillis(50));
        ManualClock activityClock = new ManualClock(1_000_000_000L);
        var g = strategy.createWatermarkGenerator(activity(activityClock));
        Output out = new Output();
        onEvent(strategy, g, valid(20 * 60_000L), out);
        onEvent(strategy, g, valid(10 * 60_000L), out);   // out of order: the watermark follows the latest
        g.onPeriodicEmit(out);
        assertEquals(List.of(15 * 60_000L - 1), out.watermarks);
        for (int i = 0; i < 2; i++) {   // 60 ms of input activity with dead letters only
            activityClock.advanceTime(Duration.ofMillis(30));
            onEvent(strategy, g, deadLetter(), out);
            g.onPeriodicEmit(out);
        }
        assertEquals(15 * 60_000L - 1, out.watermarks.get(out.watermarks.size() - 1), "a dead letter has no time");
        assertEquals(1, out.idle, "a partition with only garbage is idle: it cannot hold the job's event time back");
        assertEquals(Long.MIN_VALUE, strategy.createTimestampAssigner(() -> null).extractTimestamp(deadLetter(), 123L));
    }
}
