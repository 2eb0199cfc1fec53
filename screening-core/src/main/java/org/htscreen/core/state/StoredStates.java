package org.htscreen.core.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.StoredAccountState;
import org.htscreen.avro.StoredAccountStateV2;
import org.htscreen.avro.StoredAccountStateV3;

/**
 * The stored form of an {@link AccountState}: the Avro binary encoding (no header, no schema id) of
 * {@link StoredAccountStateV3} (ADR 0026), whose first byte (its form tag) is 0x05. It names the
 * {@link AccountStateSchemas#registered() registered} AccountState schema its rest was written with, so bytes
 * written before an additive change of AccountState still decode. Bytes of the v2 form (ADR 0021, first byte 0x03) and of the v1 form
 * (ADR 0009, first byte even, {@link StoredStatesV1}) decode too. Decoding gives back a state equal to the one
 * encoded; history entries may share String instances, which are immutable.
 */
public final class StoredStates {

    /** {@code StoredAccountStateV3.formTag}: minus the form's version. */
    public static final int V3_TAG = -3;
    /** {@code StoredAccountStateV2.formTag}. */
    public static final int V2_TAG = -2;
    /** The first byte of a v3 form: the zig-zag varint of {@link #V3_TAG}. */
    static final int V3_FIRST_BYTE = 0x05;
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

    /** Encodes a state in its (v3) stored form. */
    public static byte[] encode(AccountState state) {
        return encode(state, V3_TAG);
    }

    /** Encodes a state in the v3 or (for {@link StoredStatesV2}) the v2 form. */
    static byte[] encode(AccountState state, int tag) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER);
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            String accountId = Objects.requireNonNull(state.getAccountId(), "AccountState.accountId");
            List<HistoryEntry> history = Objects.requireNonNull(state.getHistory(), "AccountState.history");
            out.writeInt(tag);
            if (tag == V3_TAG) {
                out.writeInt(AccountStateSchemas.registered().current());
            }
            out.writeString(accountId);
            HistoryColumnsV2 columns = HistoryColumnsV2.of(history);
            if (tag == V3_TAG) {
                SortedDictionary.write(out, columns.sortStrings().strings());
            }
            columns.write(out, tag != V3_TAG);
            AccountState rest = rest(state);
            if (tag == V3_TAG) {
                StateReferences.of(rest, accountId, history, columns.strings()).write(out);
            }
            REST_WRITER.write(rest, out);
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

    /**
     * Whether bytes written with a stored schema decode: the v1 form ({@code StoredAccountState}, as the release wrote
     * it), or the v2 or v3 form with any {@link AccountStateSchemas#registered() registered} AccountState as its rest.
     * Docs and defaults do not count (parsing fingerprints).
     */
    public static boolean reads(Schema stored) {
        if (SchemaNormalization.parsingFingerprint64(stored)
                == SchemaNormalization.parsingFingerprint64(StoredAccountState.getClassSchema())) {
            return true;
        }
        for (Schema form : List.of(StoredAccountStateV2.getClassSchema(), StoredAccountStateV3.getClassSchema())) {
            if (form.getFullName().equals(stored.getFullName()) && sameButRest(form, stored)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record schema has the fields of a form's, the same but for a registered AccountState as rest. */
    private static boolean sameButRest(Schema form, Schema stored) {
        if (stored.getType() != Schema.Type.RECORD || stored.getFields().size() != form.getFields().size()) {
            return false;
        }
        for (int k = 0; k < form.getFields().size(); k++) {
            Schema.Field expected = form.getFields().get(k);
            Schema.Field actual = stored.getFields().get(k);
            if (!expected.name().equals(actual.name())) {
                return false;
            }
            boolean same = expected.name().equals("rest")
                    ? AccountStateSchemas.registered().numberOf(actual.schema()) != 0
                    : SchemaNormalization.parsingFingerprint64(expected.schema())
                            == SchemaNormalization.parsingFingerprint64(actual.schema());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Whether bytes are in the v1 form (ADR 0009) rather than a later one. */
    public static boolean isV1(byte[] bytes) {
        return bytes != null && bytes.length > 0 && (bytes[0] & FORM_BIT) == 0;
    }

    /**
     * Decodes a state from its stored form, v3, v2 or v1; every byte must be used.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a stored state
     */
    public static AccountState decode(byte[] bytes) {
        return decode(bytes, AccountStateSchemas.registered());
    }

    /** Decodes a state, reading the rest of a v3 or v2 form with a schema of this registry. */
    static AccountState decode(byte[] bytes, AccountStateSchemas schemas) {
        if (bytes == null) {
            throw corrupt("no value (null)");
        }
        if (bytes.length == 0) {
            throw corrupt("no bytes");
        }
        if (isV1(bytes)) {
            return StoredStatesV1.decode(bytes);
        }
        int first = bytes[0] & 0xFF;
        if (first != V3_FIRST_BYTE && first != V2_FIRST_BYTE) {
            throw corrupt("unknown form tag byte 0x" + Integer.toHexString(first));
        }
        boolean v3 = first == V3_FIRST_BYTE;
        // no array can hold more values than there are bytes: each value takes at least one
        int max = bytes.length;
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            in.readInt();
            int schema = v3 ? in.readInt() : AccountStateSchemas.V2_SCHEMA;
            SpecificDatumReader<AccountState> restReader = schemas.reader(schema);
            String accountId = in.readString();
            HistoryColumnsV2 columns = HistoryColumnsV2.read(in, max, v3 ? SortedDictionary.read(in, max) : null);
            StateReferences references = v3 ? StateReferences.read(in, max) : null;
            AccountState s = restReader.read(null, in);
            if (!in.isEnd()) {
                throw corrupt("trailing bytes after the state");
            }
            List<HistoryEntry> history = columns.entries();
            if (references != null) {
                references.apply(s, accountId, history, columns.strings());
            }
            s.setAccountId(accountId);
            s.setHistory(history);
            return s;
        } catch (CorruptStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptStateException(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
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
