package org.htscreen.wire;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The wire format of every topic of a job or tool, with what it needs: the registry's address for the Confluent
 * format, the extra writer schemas known for single-object encoding. Serializable (a Flink job ships it).
 *
 * @param format        how values are identified on the wire
 * @param registryUrl   the schema registry (Confluent format only)
 * @param writerSchemas writer schemas known besides the readers' own (single-object encoding)
 * @param timeout       how long one registry call may take
 * @param retryAfter    how long an unknown id or a registry failure is remembered before the registry is asked again
 */
public record WireSettings(WireFormat format, String registryUrl, List<NamedSchema> writerSchemas, Duration timeout,
        Duration retryAfter) implements Serializable {

    /** A registry call is given up after this long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** An unknown schema id or a registry failure is remembered this long before the registry is asked again. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    /** A schema's JSON text and where it came from (named in errors). */
    public record NamedSchema(String source, String json) implements Serializable {
    }

    public WireSettings {
        writerSchemas = List.copyOf(writerSchemas);
        if (format == WireFormat.CONFLUENT && (registryUrl == null || registryUrl.isBlank())) {
            throw new IllegalArgumentException(WireOptions.WIRE_FORMAT + " " + WireFormat.CONFLUENT + " needs "
                    + WireOptions.SCHEMA_REGISTRY_URL);
        }
    }

    /** Raw Avro binary, as before schema identification existed. */
    public static WireSettings raw() {
        return new WireSettings(WireFormat.RAW, null, List.of(), DEFAULT_TIMEOUT, DEFAULT_RETRY_AFTER);
    }

    /** Single-object encoding with these extra writer schemas. */
    public static WireSettings singleObject(List<NamedSchema> writerSchemas) {
        return new WireSettings(WireFormat.SINGLE_OBJECT, null, writerSchemas, DEFAULT_TIMEOUT, DEFAULT_RETRY_AFTER);
    }

    /** The Confluent format against the registry at this address. */
    public static WireSettings confluent(String registryUrl) {
        return new WireSettings(WireFormat.CONFLUENT, registryUrl, List.of(), DEFAULT_TIMEOUT, DEFAULT_RETRY_AFTER);
    }

    /** The same settings with other registry timings. */
    public WireSettings withTimings(Duration timeout, Duration retryAfter) {
        return new WireSettings(format, registryUrl, writerSchemas, timeout, retryAfter);
    }

    /**
     * A codec of a record type in this format.
     *
     * @throws IllegalArgumentException when a known writer schema of this type cannot be read as the type
     */
    public <T extends SpecificRecord> RecordCodec<T> codec(Class<T> type) {
        return switch (format) {
            case RAW -> new RawCodec<>(type);
            case SINGLE_OBJECT -> new SingleObjectCodec<>(type, writerSchemas);
            case CONFLUENT -> new ConfluentCodec<>(type, this);
        };
    }

    /** A client of the registry (Confluent format). */
    SchemaRegistry registry() {
        return new ApicurioSchemaRegistry(registryUrl, timeout);
    }

    /** One line for logs and tool output. */
    public String describe() {
        return switch (format) {
            case RAW -> "raw Avro binary (no schema identification)";
            case SINGLE_OBJECT -> "Avro single-object encoding (" + (1 + writerSchemas.size()) + "+ known writer schemas)";
            case CONFLUENT -> "Confluent wire format, schema registry " + registryUrl;
        };
    }
}
