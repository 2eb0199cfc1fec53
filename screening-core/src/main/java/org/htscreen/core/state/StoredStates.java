package org.htscreen.core.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.StoredAccountStateV2;

/**
 * The stored form of an {@link AccountState}: since engine v2 the Avro binary encoding (no header, no schema id) of
 * {@link StoredAccountStateV2} (ADR 0021), whose first byte (its form tag) is odd; bytes whose first byte is even
 * are the v1 form of ADR 0009 ({@link StoredStatesV1}) and still decode. Decoding gives back a state equal to the
 * one encoded; history entries may share String instances, which are immutable.
 */
public final class StoredStates {

    /** {@code StoredAccountStateV2.formTag}: minus the form's version. */
    public static final int V2_TAG = -2;
    /** The first byte of a v2 form: the zig-zag varint of {@link #V2_TAG}. */
    static final int V2_FIRST_BYTE = 0x03;

    private static final int INITIAL_BUFFER = 1024;
    private static final int FORM_BIT = 1;
    private static final Schema REST_SCHEMA = AccountState.getClassSchema();
    private static final SpecificDatumWriter<AccountState> REST_WRITER = new SpecificDatumWriter<>(AccountState.class);
    private static final int ACCOUNT_ID = REST_SCHEMA.getField("accountId").pos();
    private static final int HISTORY = REST_SCHEMA.getField("history").pos();

    private StoredStates() {
    }

    /** Encodes a state in its (v2) stored form. */
    public static byte[] encode(AccountState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER);
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            out.writeInt(V2_TAG);
            out.writeString(Objects.requireNonNull(state.getAccountId(), "AccountState.accountId"));
            HistoryColumnsV2.of(Objects.requireNonNull(state.getHistory(), "AccountState.history")).write(out);
            REST_WRITER.write(rest(state), out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A shallow copy of every field but the account id (empty) and the history (empty), whatever the fields are. */
    private static AccountState rest(AccountState state) {
        AccountState rest = new AccountState();
        for (Schema.Field f : REST_SCHEMA.getFields()) {
            rest.put(f.pos(), state.get(f.pos()));
        }
        rest.put(ACCOUNT_ID, "");
        rest.put(HISTORY, new ArrayList<>(0));
        return rest;
    }

    /** Whether bytes are in the v1 form (ADR 0009) rather than the current one. */
    public static boolean isV1(byte[] bytes) {
        return bytes != null && bytes.length > 0 && (bytes[0] & FORM_BIT) == 0;
    }

    /**
     * Decodes a state from its stored form, v2 or v1; every byte must be used.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a stored state
     */
    public static AccountState decode(byte[] bytes) {
        if (bytes == null) {
            throw corrupt("no value (null)");
        }
        if (bytes.length == 0) {
            throw corrupt("no bytes");
        }
        if (isV1(bytes)) {
            return StoredStatesV1.decode(bytes);
        }
        if ((bytes[0] & 0xFF) != V2_FIRST_BYTE) {
            throw corrupt("unknown form tag byte 0x" + Integer.toHexString(bytes[0] & 0xFF));
        }
        // no array can hold more values than there are bytes: each value takes at least one
        int max = bytes.length;
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            in.readInt();
            String accountId = in.readString();
            HistoryColumnsV2 history = HistoryColumnsV2.read(in, max);
            AccountState s = Readers.REST.read(null, in);
            if (!in.isEnd()) {
                throw corrupt("trailing bytes after the state");
            }
            s.setAccountId(accountId);
            s.setHistory(history.entries());
            return s;
        } catch (CorruptStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptStateException(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /**
     * The Avro reader of the rest of the state; made on the first decoding, since making it checks that the record
     * classes are trusted (org.apache.avro.SERIALIZABLE_PACKAGES), which encoding does not need.
     */
    private static final class Readers {
        static final SpecificDatumReader<AccountState> REST = new SpecificDatumReader<>(AccountState.class);
    }

    static CorruptStateException corrupt(String reason) {
        return new CorruptStateException(reason, null);
    }

    /** Bytes that are not a stored {@link AccountState}. */
    static final class CorruptStateException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        CorruptStateException(String reason, Throwable cause) {
            super("not a valid stored AccountState: " + reason, cause);
        }
    }
}
