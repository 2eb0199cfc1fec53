package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** Profiles never move event time. */
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
