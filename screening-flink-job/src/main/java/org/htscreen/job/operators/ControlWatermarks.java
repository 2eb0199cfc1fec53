package org.htscreen.job.operators;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.htscreen.avro.ControlMessage;

/**
 * Control messages are not timed data: their stream declares "no more event time to wait for" (the maximum
 * watermark), so that the broadcast input never holds back the event time of the screening operator.
 */
public final class ControlWatermarks {

    private ControlWatermarks() {
    }

    /** The watermark strategy of the control stream. */
    public static WatermarkStrategy<ControlMessage> strategy() {
        return WatermarkStrategy.<ControlMessage>forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(ControlMessage event, long eventTimestamp, WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        }).withTimestampAssigner((m, ts) -> m.getIssuedAt().toEpochMilli());
    }
}
