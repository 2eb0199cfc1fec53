package org.htscreen.wire;

/**
 * How a record's value goes on a Kafka topic. The payload is always Avro binary; the formats differ in how the
 * writer schema is identified (ADR 0019).
 */
public enum WireFormat {
    /** Avro binary alone, no schema identification: writer and reader must use the same schema (the default). */
    RAW,
    /**
     * Avro single-object encoding: bytes {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint (little
     * endian), then Avro binary. Writer schemas are known in advance (the reader's own and those given with
     * {@value WireOptions#WRITER_SCHEMA}); no registry.
     */
    SINGLE_OBJECT,
    /**
     * Confluent wire format: byte {@code 00}, the writer schema's 4-byte id in a schema registry (big endian), then
     * Avro binary. Writer schemas are looked up in the registry ({@value WireOptions#SCHEMA_REGISTRY_URL}).
     */
    CONFLUENT
}
