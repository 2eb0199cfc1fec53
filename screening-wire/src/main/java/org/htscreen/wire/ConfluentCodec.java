package org.htscreen.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.htscreen.core.AvroBinary;

/**
 * {@link WireFormat#CONFLUENT}: magic byte {@code 00}, the writer schema's id (4 bytes, big endian), Avro binary.
 * The writer schema is looked up in the registry once per id and resolved against the reader schema (the type's
 * own). Lookups are cached: a resolved id for good (the content under an id never changes), a schema the reader
 * cannot resolve for good, an unknown id or an unreachable registry for {@link WireSettings#retryAfter()}, so a
 * registry outage costs each id one timeout per period instead of one per record. Written values carry the id of
 * the type's schema registered under the subject {@code <topic>-value}, once per topic (at {@link #prepare}).
 */
final class ConfluentCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final long serialVersionUID = 1L;

    /** First byte of the Confluent wire format. */
    static final byte MAGIC = 0;
    /** Magic byte and schema id. */
    static final int HEADER = 5;
    /**
     * Schema ids remembered at most (least recently used forgotten first), so a producer of random ids cannot fill
     * the memory; a forgotten id is looked up again when it comes back.
     */
    static final int MAX_IDS = 256;

    private final Class<T> type;
    private final WireSettings settings;
    private transient SchemaRegistry registry;
    private transient Schema reader;
    private transient Map<Integer, Lookup<T>> readers;
    private transient Map<String, byte[]> headers;

    /** A writer schema's reader, or why there is none and until when that answer holds. */
    private record Lookup<T>(DatumReader<T> reader, String failure, long retryAtNanos) {
    }

    ConfluentCodec(Class<T> type, WireSettings settings) {
        this.type = type;
        this.settings = settings;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    private void init() {
        if (registry == null) {
            registry = settings.registry();
            reader = SpecificData.getForClass(type).getSchema(type);
            readers = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Lookup<T>> eldest) {
                    return size() > MAX_IDS;
                }
            };
            headers = new HashMap<>();
        }
    }

    @Override
    public void prepare(String topic) {
        header(topic);
    }

    @Override
    public byte[] encode(T record, String topic) {
        byte[] header = header(topic);
        byte[] body = AvroBinary.encode(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + body.length);
        out.writeBytes(header);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private byte[] header(String topic) {
        init();
        return headers.computeIfAbsent(topic, t -> {
            try {
                int id = registry.register(subject(t), reader);
                return ByteBuffer.allocate(HEADER).put(MAGIC).putInt(id).array();
            } catch (RegistryException e) {
                throw new IllegalStateException("cannot write " + type.getSimpleName() + " to " + t + ": "
                        + e.getMessage(), e);
            }
        });
    }

    /** The registry subject of a topic's values (Confluent's topic name strategy). */
    static String subject(String topic) {
        return topic + "-value";
    }

    @Override
    public T decode(byte[] value) {
        if (value == null) {
            throw new WireException("no value (null record)");
        }
        if (value.length < HEADER) {
            throw new WireException("not in the Confluent wire format: " + value.length
                    + " bytes, fewer than the magic byte and 4-byte schema id");
        }
        if (value[0] != MAGIC) {
            throw new WireException(String.format("not in the Confluent wire format: first byte 0x%02x, not the magic byte 0x00",
                    value[0] & 0xff));
        }
        init();
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        return Resolution.read(reader(id), value, HEADER, type.getSimpleName());
    }

    /** Schema ids remembered now (tests). */
    int rememberedIds() {
        return readers == null ? 0 : readers.size();
    }

    private DatumReader<T> reader(int id) {
        Lookup<T> known = readers.get(id);
        if (known == null || (known.reader() == null && System.nanoTime() - known.retryAtNanos() >= 0)) {
            known = lookUp(id);
            readers.put(id, known);
        }
        if (known.reader() == null) {
            throw new WireException(known.failure());
        }
        return known.reader();
    }

    private Lookup<T> lookUp(int id) {
        Schema writer;
        try {
            writer = registry.schema(id);
        } catch (RegistryException e) {
            long retry = e.lasting() ? Long.MAX_VALUE : settings.retryAfter().toNanos();
            return new Lookup<>(null, e.getMessage(), System.nanoTime() + Math.min(retry, Long.MAX_VALUE / 4));
        }
        Optional<String> problem = writer.getType() == Schema.Type.RECORD && !writer.getFullName().equals(reader.getFullName())
                ? Optional.of("it is a " + writer.getFullName())
                : Resolution.problem(writer, reader);
        if (problem.isPresent()) {
            return new Lookup<>(null, "schema id " + id + " cannot be read as " + reader.getFullName() + ": "
                    + problem.get(), System.nanoTime() + Long.MAX_VALUE / 4);
        }
        return new Lookup<>(new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(type)), null, 0);
    }
}
