package org.htscreen.wire;

import java.io.Serializable;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in one {@link WireFormat}. Serializable, so a Flink job can ship it in its job
 * graph; what it needs at run time (decoders, the registry client, caches) is made on first use. Not thread-safe:
 * one codec per thread (each Flink subtask has its own copy).
 */
public interface RecordCodec<T extends SpecificRecord> extends Serializable {

    /** The record type. */
    Class<T> type();

    /**
     * The value to write to a topic (the topic names the registry subject in the Confluent format).
     *
     * @throws IllegalStateException when the writer schema cannot be registered or looked up
     */
    byte[] encode(T record, String topic);

    /**
     * Gets ready to write to a topic now rather than on the first record (the Confluent format registers the schema
     * under the topic's subject), so that a writer fails when it starts, not mid-stream.
     *
     * @throws IllegalStateException when the writer schema cannot be registered or looked up
     */
    default void prepare(String topic) {
    }

    /**
     * The record in a value, resolved from its writer schema to this type's schema; every byte must be used.
     *
     * @throws WireException with the reason, for the dead-letter topic
     */
    T decode(byte[] value);
}
