package org.htscreen.job.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.htscreen.wire.RecordCodec;

/**
 * Writes Avro records to one topic in the job's wire format, keyed by a field (the account id for alerts) so that a subject's records stay in
 * order in one partition.
 *
 * <p>The Kafka record timestamp is left to the producer: the wall-clock time the record is published. It is not the
 * element's event time (an alert carries its event time in its payload): Kafka's time-based retention
 * ({@code retention.ms}, 7 days by default) deletes records by their timestamp, so alerts of a replay of older
 * transactions would vanish from the topic at the broker's next retention check, committed or not.
 */
public final class AvroRecordWriter<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final RecordCodec<T> wire;

    public AvroRecordWriter(String topic, SerializableFunction<T, String> key, RecordCodec<T> wire) {
        this.wire = wire;
        this.topic = topic;
        this.key = key;
    }

    /** Registers the schema now (Confluent format): a sink that cannot frame its records fails when it starts. */
    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        wire.prepare(topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                wire.encode(element, topic));
    }

}
