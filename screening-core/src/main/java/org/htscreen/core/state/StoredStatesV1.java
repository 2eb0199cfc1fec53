package org.htscreen.core.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.StoredAccountState;

/**
 * The v1 stored form of an {@link AccountState} (ADR 0009, the release before engine v2): the Avro binary encoding
 * of {@link StoredAccountState}. {@link StoredStates} reads it (stored state and savepoints of that release) and
 * writes the v2 form; encoding v1 is kept for tests and for tools that must write what that release reads.
 */
public final class StoredStatesV1 {

    private static final int INITIAL_BUFFER = 1024;
    private static final int NULL_BRANCH = 0;
    private static final int VALUE_BRANCH = 1;

    private static final SpecificDatumWriter<Signal> SIGNAL_WRITER = new SpecificDatumWriter<>(Signal.class);
    private static final SpecificDatumWriter<PartyProfile> PROFILE_WRITER = new SpecificDatumWriter<>(PartyProfile.class);
    private static final SpecificDatumWriter<IdentifierLink> LINK_WRITER = new SpecificDatumWriter<>(IdentifierLink.class);
    private static final SpecificDatumWriter<AlertMark> ALERT_WRITER = new SpecificDatumWriter<>(AlertMark.class);

    private StoredStatesV1() {
    }

    /** Encodes a state in the v1 stored form. */
    public static byte[] encode(AccountState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER);
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            out.writeString(Objects.requireNonNull(state.getAccountId(), "AccountState.accountId"));
            HistoryColumns.of(Objects.requireNonNull(state.getHistory(), "AccountState.history")).write(out);
            AvroArrays.writeRecords(out, state.getSignals(), SIGNAL_WRITER);
            if (state.getProfile() == null) {
                out.writeIndex(NULL_BRANCH);
            } else {
                out.writeIndex(VALUE_BRANCH);
                PROFILE_WRITER.write(state.getProfile(), out);
            }
            AvroArrays.writeRecords(out, state.getLinks(), LINK_WRITER);
            AvroArrays.writeRecords(out, state.getLastAlerts(), ALERT_WRITER);
            out.writeLong(state.getLastEventTime());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a state from the v1 stored form; every byte must be used.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a stored state
     */
    public static AccountState decode(byte[] bytes) {
        if (bytes == null) {
            throw StoredStates.corrupt("no value (null)");
        }
        // no array can hold more values than there are bytes: each value takes at least one
        int max = bytes.length;
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            AccountState s = new AccountState();
            s.setAccountId(in.readString());
            s.setHistory(HistoryColumns.read(in, max).entries());
            s.setSignals(AvroArrays.readRecords(in, Readers.SIGNAL, max, "signals"));
            int branch = in.readIndex();
            if (branch != NULL_BRANCH && branch != VALUE_BRANCH) {
                throw StoredStates.corrupt("profile has no union branch " + branch);
            }
            s.setProfile(branch == NULL_BRANCH ? null : Readers.PROFILE.read(null, in));
            s.setLinks(AvroArrays.readRecords(in, Readers.LINK, max, "links"));
            s.setLastAlerts(AvroArrays.readRecords(in, Readers.ALERT, max, "lastAlerts"));
            s.setLastEventTime(in.readLong());
            if (!in.isEnd()) {
                throw StoredStates.corrupt("trailing bytes after the state");
            }
            return s;
        } catch (StoredStates.CorruptStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StoredStates.CorruptStateException(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /**
     * Avro readers of the records kept as they are; made on the first decoding, since making them checks that the
     * record classes are trusted (org.apache.avro.SERIALIZABLE_PACKAGES), which encoding does not need.
     */
    private static final class Readers {
        static final SpecificDatumReader<Signal> SIGNAL = new SpecificDatumReader<>(Signal.class);
        static final SpecificDatumReader<PartyProfile> PROFILE = new SpecificDatumReader<>(PartyProfile.class);
        static final SpecificDatumReader<IdentifierLink> LINK = new SpecificDatumReader<>(IdentifierLink.class);
        static final SpecificDatumReader<AlertMark> ALERT = new SpecificDatumReader<>(AlertMark.class);
    }
}
