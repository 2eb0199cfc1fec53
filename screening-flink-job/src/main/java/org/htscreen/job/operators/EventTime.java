package org.htscreen.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the profile input. Profiles are not timed data for screening: their stream never emits a
 * watermark, so that a profile's {@code updatedAt} (which may be wrong, e.g. in the future) never moves the screening
 * operator's event time.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * Profiles: never a watermark, so no {@code updatedAt} (a future-dated one included) can move the screening
     * operator's event time. Until the profile input has been without records for {@code idleness} (at start-up: until
     * the profiles already in the topic are read) it is active without a watermark and so holds event time back: a
     * replay screens its transactions after the profiles published before them. Then it is idle; a profile arriving
     * later makes it active again without a watermark, which Flink does not wait for (an input whose watermark is
     * behind the operator's is not aligned and does not hold it back).
     */
    public static <T> WatermarkStrategy<T> profiles(Duration idleness) {
        long idleAfter = idleness.toMillis();
        return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long lastSeen = System.currentTimeMillis();

            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
                lastSeen = System.currentTimeMillis();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                if (System.currentTimeMillis() - lastSeen >= idleAfter) {
                    output.markIdle();
                }
            }
        }).withTimestampAssigner((e, ts) -> ts);
    }
}
