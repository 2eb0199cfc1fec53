package org.htscreen.wire;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

/** Avro schema resolution (writer schema against reader schema) with reasons in words. */
final class Resolution {

    private Resolution() {
    }

    /** Why data written with {@code writer} cannot be read as {@code reader}, or empty when it can. */
    static Optional<String> problem(Schema writer, Schema reader) {
        SchemaPairCompatibility c = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (c.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        Incompatibility first = c.getResult().getIncompatibilities().get(0);
        return Optional.of(first.getType() + " at " + first.getLocation() + ": " + first.getMessage());
    }

    /**
     * Reads one datum from {@code bytes[offset..]}; every byte must be used.
     *
     * @throws WireException naming the type when the bytes are not a datum of the writer schema
     */
    static <T> T read(DatumReader<T> reader, byte[] bytes, int offset, String typeName) {
        try {
            BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
            T value = reader.read(null, dec);
            if (!dec.isEnd()) {
                throw new WireException("not a " + typeName + ": trailing bytes after the record");
            }
            return value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException | NegativeArraySizeException e) {
            throw new WireException("not a valid Avro " + typeName + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
