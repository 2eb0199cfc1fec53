package org.htscreen.job.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.ControlMessage;
import org.htscreen.job.kafka.KafkaRecord;
import org.htscreen.wire.RecordCodec;

/** Decodes control messages (in the job's wire format); undecodable ones are dead-lettered. */
public final class DecodeControl extends ProcessFunction<KafkaRecord, ControlMessage> {

    private static final long serialVersionUID = 1L;

    private final RecordCodec<ControlMessage> wire;

    public DecodeControl(RecordCodec<ControlMessage> wire) {
        this.wire = wire;
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<ControlMessage> out) {
        try {
            out.collect(wire.decode(record.value));
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, e.getMessage()));
        }
    }
}
