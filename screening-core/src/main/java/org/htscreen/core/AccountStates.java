package org.htscreen.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.AccountState;

/** Avro binary encoding of {@link AccountState}, for hosts that store account state as bytes. */
public final class AccountStates {

    private static final SpecificDatumWriter<AccountState> WRITER = new SpecificDatumWriter<>(AccountState.class);
    private static final SpecificDatumReader<AccountState> READER = new SpecificDatumReader<>(AccountState.class);

    private AccountStates() {
    }

    public static byte[] toBytes(AccountState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        try {
            WRITER.write(state, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static AccountState fromBytes(byte[] bytes) {
        try {
            return READER.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy. */
    public static AccountState copy(AccountState state) {
        return AccountState.newBuilder(state).build();
    }
}
