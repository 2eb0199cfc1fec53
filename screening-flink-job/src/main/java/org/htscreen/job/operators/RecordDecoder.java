package org.htscreen.job.operators;

import java.io.Serializable;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.job.kafka.KafkaRecord;

/**
 * Decodes and checks one kind of input record completely, inside the Kafka source (so that event time is taken per
 * partition from valid records only): either the record ({@link Either#Right}) or its dead letter
 * ({@link Either#Left}) with the reason.
 */
public interface RecordDecoder<T extends SpecificRecordBase> extends Serializable {

    /** The decoded type. */
    Class<T> type();

    /** Prepares the decoder on its task (reference data, validators). */
    default void open() {
    }

    /** The record, or its dead letter; never throws. */
    Either<DeadLetter, T> decode(KafkaRecord record);
}
