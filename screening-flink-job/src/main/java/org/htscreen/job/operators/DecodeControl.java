package org.htscreen.job.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.ControlMessage;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.kafka.KafkaRecord;

/** Decodes control messages; undecodable ones are dead-lettered. */
public final class DecodeControl extends ProcessFunction<KafkaRecord, ControlMessage> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<ControlMessage> out) {
        try {
            out.collect(AvroBinary.decode(record.value, ControlMessage.class));
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, e.getMessage()));
        }
    }
}
