package org.htscreen.job.kafka;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.htscreen.avro.DeadLetter;
import org.htscreen.job.operators.DeadLetters;
import org.htscreen.job.operators.RecordDecoder;

/**
 * Reads Kafka records and decodes them in the source: each becomes a decoded, checked record or its dead letter.
 * Decoding here, rather than in an operator after the source, lets the source's watermark strategy see the event
 * time of each partition's valid records (watermarks per partition), while a dead letter carries no time at all.
 */
public final class DecodingReader<T extends SpecificRecordBase> implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

    private static final long serialVersionUID = 1L;

    private final RecordDecoder<T> decoder;
    private final String operator;

    /**
     * @param operator uid named in the dead letters of records the decoder could not handle
     */
    public DecodingReader(RecordDecoder<T> decoder, String operator) {
        this.decoder = decoder;
        this.operator = operator;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Either<DeadLetter, T>> out) {
        KafkaRecord record = new KafkaRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
        Either<DeadLetter, T> decoded;
        try {
            decoded = decoder.decode(record);
        } catch (RuntimeException | StackOverflowError e) {
            decoded = Either.Left(DeadLetters.of(record, "could not be decoded: " + DeadLetters.describe(e), operator));
        }
        out.collect(decoded);
    }

    @Override
    public TypeInformation<Either<DeadLetter, T>> getProducedType() {
        return new EitherTypeInfo<>(new AvroTypeInfo<>(DeadLetter.class), new AvroTypeInfo<>(decoder.type()));
    }
}
