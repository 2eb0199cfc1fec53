package org.htscreen.job.operators;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.htscreen.avro.ControlMessage;

/**
 * Control messages are not timed data: their stream is permanently idle, so that the broadcast input never holds
 * back the event time of the screening operator and never moves it either. (An earlier version declared the
 * maximum watermark instead: then, whenever the transactions input went idle, Flink's combined watermark of the
 * two inputs became the control input's maximum, fired every pending timer and stayed there, so every later
 * transaction was screened on arrival, out of event-time order.)
 */
public final class ControlWatermarks {

    private ControlWatermarks() {
    }

    /** The watermark strategy of the control stream. */
    public static WatermarkStrategy<ControlMessage> strategy() {
        return WatermarkStrategy.<ControlMessage>forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(ControlMessage event, long eventTimestamp, WatermarkOutput output) {
                output.markIdle();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        }).withTimestampAssigner((m, ts) -> m.getIssuedAt().toEpochMilli());
    }
}
