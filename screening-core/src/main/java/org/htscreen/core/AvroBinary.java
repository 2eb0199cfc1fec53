package org.htscreen.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary encoding (no header, no schema id) of the project's generated records, with Avro's own codecs. */
public final class AvroBinary {

    private static final ConcurrentHashMap<Class<?>, SpecificDatumWriter<?>> WRITERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Class<?>, SpecificDatumReader<?>> READERS = new ConcurrentHashMap<>();

    private AvroBinary() {
    }

    /** Encodes a record. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> byte[] encode(T record) {
        SpecificDatumWriter<T> w = (SpecificDatumWriter<T>) WRITERS.computeIfAbsent(record.getClass(),
                c -> new SpecificDatumWriter<>(record.getSchema()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        try {
            w.write(record, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a record; every byte must be used.
     *
     * @throws IllegalArgumentException with Avro's reason when the bytes are not a valid record of this type
     */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new IllegalArgumentException("no value (null record)");
        }
        SpecificDatumReader<T> r = (SpecificDatumReader<T>) READERS.computeIfAbsent(type, SpecificDatumReader::new);
        try {
            BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
            T value = r.read(null, dec);
            if (!dec.isEnd()) {
                throw new IllegalArgumentException("not a " + type.getSimpleName() + ": trailing bytes after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("not a ")) {
                throw iae;
            }
            throw new IllegalArgumentException("not a valid Avro " + type.getSimpleName() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
