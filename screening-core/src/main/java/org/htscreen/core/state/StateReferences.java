package org.htscreen.core.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;

/**
 * {@code StoredReferencesV3} (StoredAccountStateV3.avsc, where each column is documented): the profile's hex hashes
 * as bytes, and strings of the rest of the state that the state already holds as references (evidence ids to history
 * entries, the account's own id, device ids to the history's strings). Made from a state together with the rest to
 * write in their place; applied to a decoded rest, it gives the strings back exactly.
 */
final class StateReferences {

    /** Profile fields whose hexadecimal values are kept as bytes, in the order of their bits. */
    private static final int[] HASH_FIELDS = {
        PartyProfile.getClassSchema().getField("addressHash").pos(),
        PartyProfile.getClassSchema().getField("phoneHash").pos(),
        PartyProfile.getClassSchema().getField("emailHash").pos()};
    private static final String[] HASH_NAMES = {"addressHash", "phoneHash", "emailHash"};
    private static final int UPPER_SHIFT = HASH_FIELDS.length;
    private static final int ALL_HASH_BITS = (1 << 2 * HASH_FIELDS.length) - 1;
    private static final HexFormat LOWER = HexFormat.of();
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();
    private static final int NOT_HEX = 0;
    private static final int LOWER_HEX = 1;
    private static final int UPPER_HEX = 2;

    /** A reference to an empty string, in every reference column. */
    private static final int EMPTY = 0;
    /** profileRefs: the account id. */
    private static final int ACCOUNT_ID = 1;
    /** profileRefs: the first of the history's strings. */
    private static final int FIRST_STRING = 2;

    private int hexHashes;
    private final List<ByteBuffer> hashBytes = new ArrayList<>(HASH_FIELDS.length);
    private int[] evidenceRefs = new int[0];
    private int evidenceCount;
    private int[] profileRefs = new int[0];
    private int profileCount;

    private StateReferences() {
    }

    // ---- writing ----

    /**
     * The references of a state whose history has the given strings (the v3 form's dictionary, sorted); {@code rest}
     * (a shallow copy of the state) gets copies of the profile and of the signals that have references, with those
     * strings emptied.
     */
    static StateReferences of(AccountState rest, String accountId, List<HistoryEntry> history, String[] strings) {
        StateReferences r = new StateReferences();
        if (rest.getProfile() != null) {
            rest.setProfile(r.profile(rest.getProfile(), accountId, strings));
        }
        List<Signal> signals = rest.getSignals();
        if (signals != null && !signals.isEmpty()) {
            rest.setSignals(r.signals(signals, history));
        }
        return r;
    }

    private PartyProfile profile(PartyProfile profile, String accountId, String[] strings) {
        PartyProfile copy = new PartyProfile();
        for (int f = 0; f < PartyProfile.getClassSchema().getFields().size(); f++) {
            copy.put(f, profile.get(f));
        }
        for (int k = 0; k < HASH_FIELDS.length; k++) {
            String hash = (String) profile.get(HASH_FIELDS[k]);
            int kind = hexKind(hash);
            if (kind != NOT_HEX) {
                hexHashes |= 1 << (kind == LOWER_HEX ? k : k + UPPER_SHIFT);
                hashBytes.add(ByteBuffer.wrap(LOWER.parseHex(hash)));
                copy.put(HASH_FIELDS[k], null);
            }
        }
        List<String> accounts = profile.getAccountIds();
        List<String> devices = profile.getDeviceIds();
        if (accounts != null && (accounts.contains(accountId) || accounts.contains(""))) {
            copy.setAccountIds(referred(accounts, s -> s.isEmpty() ? EMPTY : s.equals(accountId) ? ACCOUNT_ID : -1));
        }
        if (devices != null && !devices.isEmpty()) {
            ToIntFunction<String> ref = s -> {
                int at = s.isEmpty() ? EMPTY - FIRST_STRING : Arrays.binarySearch(strings, s);
                return at >= 0 || s.isEmpty() ? FIRST_STRING + at : -1;
            };
            if (devices.stream().anyMatch(s -> ref.applyAsInt(s) >= 0)) {
                copy.setDeviceIds(referred(devices, ref));
            }
        }
        return copy;
    }

    private List<String> referred(List<String> values, ToIntFunction<String> ref) {
        List<String> kept = new ArrayList<>(values.size());
        for (String s : values) {
            int k = ref.applyAsInt(s);
            if (k < 0) {
                kept.add(s);
            } else {
                kept.add("");
                profileRefs = grow(profileRefs, profileCount);
                profileRefs[profileCount++] = k;
            }
        }
        return kept;
    }

    private List<Signal> signals(List<Signal> signals, List<HistoryEntry> history) {
        Map<String, Integer> newest = null;
        List<Signal> copies = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            List<String> ids = s.getEvidenceTxIds();
            if (ids == null || ids.isEmpty()) {
                copies.add(s);
                continue;
            }
            if (newest == null) {
                newest = new HashMap<>();
                int n = history.size();
                for (int i = 0; i < n; i++) {
                    newest.put(history.get(i).getTxId(), n - i);
                }
                newest.put("", EMPTY);
            }
            List<String> kept = new ArrayList<>(ids.size());
            boolean referred = false;
            for (String id : ids) {
                Integer k = newest.get(id);
                if (k == null) {
                    kept.add(id);
                } else {
                    kept.add("");
                    evidenceRefs = grow(evidenceRefs, evidenceCount);
                    evidenceRefs[evidenceCount++] = k;
                    referred = true;
                }
            }
            if (referred) {
                Signal copy = new Signal();
                for (int f = 0; f < Signal.getClassSchema().getFields().size(); f++) {
                    copy.put(f, s.get(f));
                }
                copy.setEvidenceTxIds(kept);
                copies.add(copy);
            } else {
                copies.add(s);
            }
        }
        return copies;
    }

    private static int[] grow(int[] values, int count) {
        return count < values.length ? values : Arrays.copyOf(values, Math.max(4, 2 * count));
    }

    /** Whether a hash is hexadecimal of even length, in lower or upper case (digits alone: lower). */
    private static int hexKind(String s) {
        if (s == null || s.length() % 2 != 0) {
            return NOT_HEX;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return NOT_HEX;
            }
        }
        return lower && upper ? NOT_HEX : upper ? UPPER_HEX : LOWER_HEX;
    }

    /** Writes the columns in the order of their schema. */
    void write(Encoder out) throws IOException {
        out.writeInt(hexHashes);
        out.writeArrayStart();
        out.setItemCount(hashBytes.size());
        for (ByteBuffer b : hashBytes) {
            out.startItem();
            out.writeBytes(b.duplicate());
        }
        out.writeArrayEnd();
        AvroArrays.writeInts(out, evidenceRefs, evidenceCount);
        AvroArrays.writeInts(out, profileRefs, profileCount);
    }

    // ---- reading ----

    /** Reads the columns in the order of their schema; no column may hold more values than {@code maxValues}. */
    static StateReferences read(Decoder in, int maxValues) throws IOException {
        StateReferences r = new StateReferences();
        r.hexHashes = in.readInt();
        if ((r.hexHashes & ~ALL_HASH_BITS) != 0) {
            throw StoredStates.corrupt("hexHashes has unknown bits " + Integer.toHexString(r.hexHashes));
        }
        for (int k = 0; k < HASH_FIELDS.length; k++) {
            if ((r.hexHashes >> k & 1) != 0 && (r.hexHashes >> (k + UPPER_SHIFT) & 1) != 0) {
                throw StoredStates.corrupt("hexHashes has " + HASH_NAMES[k] + " in lower and upper case");
            }
        }
        int hashes = Integer.bitCount(r.hexHashes);
        for (byte[] b : AvroArrays.readBytes(in, hashes, hashes, maxValues, "hashBytes")) {
            r.hashBytes.add(ByteBuffer.wrap(b));
        }
        r.evidenceRefs = AvroArrays.readInts(in, 0, maxValues, "evidenceRefs");
        r.evidenceCount = r.evidenceRefs.length;
        r.profileRefs = AvroArrays.readInts(in, 0, maxValues, "profileRefs");
        r.profileCount = r.profileRefs.length;
        return r;
    }

    /**
     * Puts back into a decoded rest what these references hold.
     *
     * @throws IllegalArgumentException when a reference has no target or the rest and the columns disagree
     */
    void apply(AccountState rest, String accountId, List<HistoryEntry> history, String[] strings) {
        PartyProfile profile = rest.getProfile();
        if (profile == null && (hexHashes != 0 || profileCount != 0)) {
            throw StoredStates.corrupt("hexHashes or profileRefs without a profile");
        }
        int at = 0;
        for (int k = 0; k < HASH_FIELDS.length; k++) {
            int bits = hexHashes >> k & 1 | (hexHashes >> (k + UPPER_SHIFT) & 1) << 1;
            if (bits == 0) {
                continue;
            }
            if (profile.get(HASH_FIELDS[k]) != null) {
                throw StoredStates.corrupt("hexHashes names " + HASH_NAMES[k] + ", which the profile has");
            }
            byte[] bytes = new byte[hashBytes.get(at).remaining()];
            hashBytes.get(at++).duplicate().get(bytes);
            profile.put(HASH_FIELDS[k], (bits == 1 ? LOWER : UPPER).formatHex(bytes));
        }
        int[] next = {0};
        if (profile != null) {
            profile.setAccountIds(resolved(profile.getAccountIds(), profileRefs, profileCount, next, "profileRefs",
                    k -> k == ACCOUNT_ID ? accountId : null));
            profile.setDeviceIds(resolved(profile.getDeviceIds(), profileRefs, profileCount, next, "profileRefs",
                    k -> k >= FIRST_STRING && k - FIRST_STRING < strings.length ? strings[k - FIRST_STRING] : null));
        }
        if (next[0] != profileCount) {
            throw StoredStates.corrupt("profileRefs has " + profileCount + " values for " + next[0] + " empty strings");
        }
        next[0] = 0;
        int n = history.size();
        for (Signal s : rest.getSignals()) {
            s.setEvidenceTxIds(resolved(s.getEvidenceTxIds(), evidenceRefs, evidenceCount, next, "evidenceRefs",
                    k -> k >= 1 && k <= n ? history.get(n - k).getTxId() : null));
        }
        if (next[0] != evidenceCount) {
            throw StoredStates.corrupt("evidenceRefs has " + evidenceCount + " values for " + next[0] + " empty ids");
        }
    }

    /** The values with each empty string replaced by the target of the next reference. */
    private static List<String> resolved(List<String> values, int[] refs, int count, int[] next, String column,
            IntFunction<String> target) {
        if (values == null || !values.contains("")) {
            return values;
        }
        List<String> resolved = new ArrayList<>(values.size());
        for (String v : values) {
            if (!v.isEmpty()) {
                resolved.add(v);
                continue;
            }
            if (next[0] >= count) {
                throw StoredStates.corrupt(column + " has " + count + " values, fewer than the empty strings");
            }
            int k = refs[next[0]++];
            String s = k == EMPTY ? "" : target.apply(k);
            if (s == null) {
                throw StoredStates.corrupt(column + " refers to " + k + ", which names nothing");
            }
            resolved.add(s);
        }
        return resolved;
    }
}
