package org.htscreen.job.operators;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;
import org.htscreen.avro.DeadLetter;
import org.htscreen.job.kafka.KafkaRecord;

/** The dead-letter side output shared by the decoding operators. */
public final class DeadLetters {

    /** Side output of rejected input records. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    private DeadLetters() {
    }

    /** A dead letter holding the record unchanged, where it came from, and why it was rejected. */
    public static DeadLetter of(KafkaRecord r, String reason) {
        return DeadLetter.newBuilder()
                .setSourceTopic(r.topic)
                .setPartition(r.partition)
                .setOffset(r.offset)
                .setReason(reason)
                .setKey(r.key == null ? null : ByteBuffer.wrap(r.key))
                .setPayload(r.value == null ? null : ByteBuffer.wrap(r.value))
                .setTime(Instant.now())
                .build();
    }
}
