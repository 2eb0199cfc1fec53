package org.htscreen.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@link WireFormat#SINGLE_OBJECT}: Avro's own {@link BinaryMessageEncoder} and {@link BinaryMessageDecoder}, with a
 * {@link SchemaStore} of the known writer schemas (the reader's own, and every schema of the same record name given
 * to {@link WireSettings}). A known writer schema that the reader cannot resolve is refused when the codec is made,
 * so a job or tool with a wrong schema file stops at start, naming the file.
 */
final class SingleObjectCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final List<String> writerSchemas = new ArrayList<>();
    private transient BinaryMessageEncoder<T> encoder;
    private transient BinaryMessageDecoder<T> decoder;

    SingleObjectCodec(Class<T> type, List<WireSettings.NamedSchema> known) {
        this.type = type;
        Schema reader = SpecificData.getForClass(type).getSchema(type);
        for (WireSettings.NamedSchema s : known) {
            Schema writer = new Schema.Parser().parse(s.json());
            if (!writer.getFullName().equals(reader.getFullName())) {
                continue;
            }
            Resolution.problem(writer, reader).ifPresent(p -> {
                throw new IllegalArgumentException("writer schema " + s.source() + " cannot be read as "
                        + reader.getFullName() + ": " + p);
            });
            writerSchemas.add(s.json());
        }
    }

    @Override
    public Class<T> type() {
        return type;
    }

    private void init() {
        if (decoder == null) {
            SpecificData model = SpecificData.getForClass(type);
            Schema reader = model.getSchema(type);
            SchemaStore.Cache store = new SchemaStore.Cache();
            writerSchemas.forEach(json -> store.addSchema(new Schema.Parser().parse(json)));
            decoder = new BinaryMessageDecoder<>(model, reader, store);
            encoder = new BinaryMessageEncoder<>(model, reader);
        }
    }

    @Override
    public byte[] encode(T record, String topic) {
        init();
        try {
            ByteBuffer b = encoder.encode(record);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T decode(byte[] value) {
        if (value == null) {
            throw new WireException("no value (null record)");
        }
        init();
        ByteArrayInputStream in = new ByteArrayInputStream(value);
        T record;
        try {
            record = decoder.decode(in, null);
        } catch (BadHeaderException e) {
            throw new WireException("not in Avro single-object encoding: " + e.getMessage(), e);
        } catch (MissingSchemaException e) {
            throw new WireException("single-object encoding with an unknown writer schema (" + e.getMessage()
                    + "): not " + type.getSimpleName() + "'s schema nor one given with " + WireOptions.WRITER_SCHEMA, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException | NegativeArraySizeException e) {
            throw new WireException("not a valid Avro " + type.getSimpleName() + " in single-object encoding: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (in.available() > 0) {
            throw new WireException("not a " + type.getSimpleName() + ": trailing bytes after the record");
        }
        return record;
    }
}
