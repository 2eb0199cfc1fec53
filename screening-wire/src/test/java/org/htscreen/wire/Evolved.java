package org.htscreen.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;

/**
 * A newer producer's Transaction schema, evolved compatibly: an added optional field ({@code riskScore}) and a new
 * channel symbol ({@code OPEN_BANKING}; the reader's Channel enum defaults to OTHER). Shared with the job's tests.
 */
public final class Evolved {

    /** The evolved schema's JSON. */
    public static final String TRANSACTION_V2 = Transaction.getClassSchema().toString()
            .replace("\"CHEQUE\",\"OTHER\"]", "\"CHEQUE\",\"OPEN_BANKING\",\"OTHER\"]")
            .replace("{\"name\":\"currency\",", "{\"name\":\"riskScore\",\"type\":[\"null\",\"double\"],\"default\":null},{\"name\":\"currency\",");

    public static final Schema SCHEMA = new Schema.Parser().parse(TRANSACTION_V2);

    private Evolved() {
    }

    /** The transaction as the newer producer has it: on the new channel, with a risk score. */
    public static GenericRecord record(Transaction tx) {
        return record(tx, true);
    }

    /** The transaction as the newer producer has it, with a risk score, on the new channel or its own. */
    public static GenericRecord record(Transaction tx, boolean newChannel) {
        if (SCHEMA.getField("riskScore") == null || !SCHEMA.getField("channel").schema().hasEnumSymbol("OPEN_BANKING")) {
            throw new AssertionError("the evolved schema did not evolve: " + TRANSACTION_V2);
        }
        try {
            GenericRecord g = new GenericDatumReader<GenericRecord>(Transaction.getClassSchema(), SCHEMA)
                    .read(null, DecoderFactory.get().binaryDecoder(AvroBinary.encode(tx), null));
            g.put("riskScore", 0.75);
            if (newChannel) {
                g.put("channel", new GenericData.EnumSymbol(SCHEMA.getField("channel").schema(), "OPEN_BANKING"));
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Avro binary of the evolved record (no framing). */
    public static byte[] write(Transaction tx) {
        return write(tx, true);
    }

    /** Avro binary of the evolved record (no framing), on the new channel or its own. */
    public static byte[] write(Transaction tx, boolean newChannel) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(SCHEMA).write(record(tx, newChannel), enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The evolved record in Avro single-object encoding, by Avro's own encoder. */
    public static byte[] singleObject(Transaction tx) {
        return singleObject(tx, true);
    }

    /** The evolved record in Avro single-object encoding, on the new channel or its own. */
    public static byte[] singleObject(Transaction tx, boolean newChannel) {
        try {
            ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), SCHEMA).encode(record(tx, newChannel));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The evolved record in the Confluent wire format under a schema id. */
    public static byte[] confluent(Transaction tx, int id) {
        return confluent(tx, id, true);
    }

    /** The evolved record in the Confluent wire format under a schema id, on the new channel or its own. */
    public static byte[] confluent(Transaction tx, int id, boolean newChannel) {
        byte[] body = write(tx, newChannel);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }
}
