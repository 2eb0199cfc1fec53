package org.htscreen.core.state;

import static org.htscreen.core.state.StoredStatesTest.NICOSIA;
import static org.htscreen.core.state.StoredStatesTest.T0;
import static org.htscreen.core.state.StoredStatesTest.entry;
import static org.htscreen.core.state.StoredStatesTest.richState;
import static org.htscreen.core.state.StoredStatesTest.roundTrip;
import static org.htscreen.core.state.StoredStatesTest.state;
import static org.htscreen.core.state.StoredStatesTest.withoutSettledRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.StoredAccountStateV3;
import org.htscreen.avro.StoredReferencesV3;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The v3 stored form (ADR 0026): it names the AccountState schema its rest was written with, so bytes written before
 * an additive change of AccountState decode after it; the profile's hex hashes are bytes and strings the state holds
 * already are references; v2 bytes written by the builds before it decode to the same state; damaged references are
 * rejected with the column named.
 */
class StoredStatesV3Test {

    private static final String V1_SAMPLE = "/stored-states/v1-sample-states.bin";
    private static final String V2_SAMPLE = "/stored-states/v2-sample-states.bin";
    private static final String ADDRESS = "9542c6dbd33a3ceb8e206c56a92ceeee";
    private static final String PHONE = "01EE1AA5D0073CE590BA6907EDDBC516";

    /** Two entries and a profile and signal that refer to them, with hashes in either case and one not hex. */
    static AccountState referringState() {
        HistoryEntry a = entry("tx-42-0011702", T0, NICOSIA);
        HistoryEntry b = entry("tx-42-0011815", T0 + 60_000, NICOSIA);
        b.setDeviceId("DEV-1");
        AccountState s = state(List.of(a, b));
        s.setProfile(Profiles.person("P-1", "A1", 1500).setAccountIds(List.of("A2", "A1", ""))
                .setAddressHash(ADDRESS).setPhoneHash(PHONE).setEmailHash("not-hex")
                .setDeviceIds(List.of("DEV-1", "DEV-9")).build());
        s.getSignals().add(Signal.newBuilder().setRuleId("HT-CASH-01").setFamily("CASH").setTitle("t").setReason("r")
                .setEvidenceTxIds(List.of("tx-42-0011815", "tx-elsewhere", "tx-42-0011702", ""))
                .setEventTime(Instant.ofEpochMilli(T0)).build());
        s.getSignals().add(Signal.newBuilder().setRuleId("HT-CASH-02").setFamily("CASH").setTitle("t").setReason("r")
                .setEvidenceTxIds(List.of("tx-elsewhere")).setEventTime(Instant.ofEpochMilli(T0)).build());
        return s;
    }

    @Test
    void the_columns_hold_what_the_schema_documents() {
        AccountState s = referringState();
        StoredAccountStateV3 stored = AvroBinary.decode(StoredStates.encode(s), StoredAccountStateV3.class);
        assertEquals(StoredStates.V3_TAG, stored.getFormTag());
        assertEquals(AccountStateSchemas.registered().current(), stored.getRestSchema());
        assertEquals("A1", stored.getAccountId());
        StoredReferencesV3 r = stored.getReferences();
        assertEquals(0b1 | 0b10 << 3, r.getHexHashes(), "address in lower case, phone in upper case, email kept");
        assertEquals(List.of(ByteBuffer.wrap(HexFormat.of().parseHex(ADDRESS)),
                ByteBuffer.wrap(HexFormat.of().parseHex(PHONE))), r.getHashBytes());
        assertEquals(List.of(1, 2, 0), r.getEvidenceRefs(), "the newest entry, the one before, an empty id");
        assertEquals(List.of(), stored.getHistory().getStrings(), "the strings are in the dictionary");
        assertEquals(List.of("5411", "CY", "DEV-1", "M-Grocer", "Nicosia"), stored.getDictionary().getMiddle(),
                "sorted; nothing shared");
        assertEquals(List.of(1, 0, 2 + 2), r.getProfileRefs(), "A1, an empty string, DEV-1");
        PartyProfile p = stored.getRest().getProfile();
        assertNull(p.getAddressHash());
        assertNull(p.getPhoneHash());
        assertEquals("not-hex", p.getEmailHash());
        assertEquals(List.of("A2", "", ""), p.getAccountIds());
        assertEquals(List.of("", "DEV-9"), p.getDeviceIds());
        assertEquals(List.of("", "tx-elsewhere", "", ""), stored.getRest().getSignals().get(0).getEvidenceTxIds());
        assertEquals(List.of("tx-elsewhere"), stored.getRest().getSignals().get(1).getEvidenceTxIds());
        AccountState before = AccountState.newBuilder(s).build();
        roundTrip(s);
        assertEquals(before, s, "encoding leaves the state as it was");
    }

    @Test
    void the_dictionary_keeps_shared_starts_and_ends_once_and_never_splits_a_pair() {
        String[] towns = {"M-SHELL-NICOSIA", "M-SKLAVENITIS-NICOSIA", "M-SHELL-LIMASSOL", "CY26SAMPLE000000000899",
            "CY02SAMPLE000000000002", "\uD83D\uDE00a\uD83D\uDE00", "\uD83D\uDE01a\uD83D\uDE01", "\uD83D\uDE01", "", "a", "ab", "b"};
        List<HistoryEntry> h = new ArrayList<>();
        for (String town : towns) {
            HistoryEntry e = entry("tx-" + h.size(), T0 + h.size() * 60_000L, NICOSIA);
            e.setTown(town);
            h.add(e);
        }
        AccountState s = state(h);
        StoredAccountStateV3 stored = AvroBinary.decode(StoredStates.encode(s), StoredAccountStateV3.class);
        List<String> sorted = new ArrayList<>(List.of(towns));
        sorted.addAll(List.of("5411", "M-Grocer", "CY"));
        sorted = sorted.stream().distinct().sorted().toList();
        int shell = sorted.indexOf("M-SHELL-NICOSIA");
        assertEquals("M-SHELL-LIMASSOL", sorted.get(shell - 1));
        assertEquals(8, stored.getDictionary().getShared().get(shell), "M-SHELL-");
        assertEquals("NICOSIA", stored.getDictionary().getMiddle().get(shell));
        assertEquals(3, stored.getDictionary().getShared().get(shell + 1), "M-S");
        assertEquals(8, stored.getDictionary().getSharedEnd().get(shell + 1), "-NICOSIA");
        assertEquals("KLAVENITIS", stored.getDictionary().getMiddle().get(shell + 1));
        for (String middle : stored.getDictionary().getMiddle()) {
            assertTrue(middle.isEmpty() || !Character.isLowSurrogate(middle.charAt(0))
                    && !Character.isHighSurrogate(middle.charAt(middle.length() - 1)), middle);
        }
        roundTrip(s);
    }

    @Test
    void hashes_of_any_form_come_back() {
        for (String hash : List.of("", "00", "0a", "0A", "aB", "abc", "zz", "ABCDEF0123456789", "\u0660\u0661", "12")) {
            AccountState s = richState();
            s.getProfile().setAddressHash(hash);
            s.getProfile().setPhoneHash(hash.toUpperCase());
            s.getProfile().setEmailHash(null);
            roundTrip(s);
        }
    }

    @Test
    void random_states_with_references_come_back_equal() {
        Random random = new Random(26);
        String[] hashes = {null, "", "ab12", "AB12", "Ab12", "abc", ADDRESS, PHONE, "x"};
        for (int k = 0; k < 400; k++) {
            AccountState s = StoredStatesV2Test.randomState(random);
            List<String> txIds = new ArrayList<>();
            s.getHistory().forEach(e -> txIds.add(e.getTxId()));
            txIds.add("");
            txIds.add("tx-not-in-history");
            if (random.nextBoolean()) {
                List<String> devices = List.of("DEV-1", "", "DEV-X", "Nicosia", s.getAccountId());
                s.setProfile(Profiles.person("P-" + k, s.getAccountId(), 900)
                        .setAccountIds(List.of(s.getAccountId(), "", "OTHER").subList(0, random.nextInt(4)))
                        .setDeviceIds(devices.subList(random.nextInt(devices.size()), devices.size()))
                        .setAddressHash(hashes[random.nextInt(hashes.length)])
                        .setPhoneHash(hashes[random.nextInt(hashes.length)])
                        .setEmailHash(hashes[random.nextInt(hashes.length)]).build());
            }
            for (Signal signal : s.getSignals()) {
                List<String> evidence = new ArrayList<>();
                for (int e = random.nextInt(6); e > 0; e--) {
                    evidence.add(txIds.get(random.nextInt(txIds.size())));
                }
                signal.setEvidenceTxIds(evidence);
            }
            roundTrip(s);
        }
    }

    @Test
    void bytes_written_with_the_current_account_state_are_read_by_a_reader_that_added_fields() throws IOException {
        AccountState s = referringState();
        s.setSettledRole(null);
        byte[] bytes = StoredStates.encode(s);
        int number = AvroBinary.decode(bytes, StoredAccountStateV3.class).getRestSchema();
        // the writer's schema comes from the registry by the number in the bytes; the reader's adds two fields
        Schema writer = storedForm(AccountStateSchemas.registered().schema(number).toString());
        String account = AccountState.getClassSchema().toString();
        String added = account.replace("{\"name\":\"lastEventTime\"", "{\"name\":\"riskNote\",\"type\":[\"null\","
                + "\"string\"],\"default\":null},{\"name\":\"visits\",\"type\":\"int\",\"default\":7},"
                + "{\"name\":\"lastEventTime\"");
        assertTrue(added.length() > account.length(), "the test copy has the added fields");
        Schema reader = storedForm(added);
        GenericRecord future = new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        GenericRecord rest = (GenericRecord) future.get("rest");
        assertNull(rest.get("riskNote"));
        assertEquals(7, rest.get("visits"));
        // nothing else is lost: the future record, read back without its new fields, decodes to the same state
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(again, null);
        new GenericDatumWriter<GenericRecord>(reader).write(future, out);
        out.flush();
        GenericRecord back = new GenericDatumReader<GenericRecord>(reader, writer)
                .read(null, DecoderFactory.get().binaryDecoder(again.toByteArray(), null));
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        out = EncoderFactory.get().binaryEncoder(current, null);
        new GenericDatumWriter<GenericRecord>(writer).write(back, out);
        out.flush();
        assertEquals(s, StoredStates.decode(current.toByteArray()));
    }

    @Test
    void bytes_whose_rest_was_written_before_a_field_was_added_decode_with_the_field_at_its_default() throws IOException {
        // the past: AccountState before the settled role (commit 3849248 added it, at the end)
        String now = AccountState.getClassSchema().toString();
        int at = now.indexOf(",{\"name\":\"settledRole\"");
        assertTrue(at > 0, "settledRole is AccountState's last field");
        Schema past = new Schema.Parser().parse(now.substring(0, at) + "]}");
        AccountStateSchemas registry = new AccountStateSchemas(List.of(past, AccountState.getClassSchema()));
        assertEquals(2, registry.current());

        AccountState s = referringState();
        StoredAccountStateV3 stored = AvroBinary.decode(StoredStates.encode(s), StoredAccountStateV3.class);
        stored.setRestSchema(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        // the rest's fields are written by position: the past schema's are the first ones of today's
        new SpecificDatumWriter<StoredAccountStateV3>(storedForm(past.toString())).write(stored, out);
        out.flush();
        byte[] pastBytes = bytes.toByteArray();

        AccountState expected = withoutSettledRole(s);
        assertEquals(expected, StoredStates.decode(pastBytes, registry));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoredStates.decode(pastBytes), "read as today's schema, the bytes run short");
        assertTrue(e.getMessage().startsWith("not a valid stored AccountState: "), e.getMessage());
        stored.setRestSchema(3);
        byte[] unknown = AvroBinary.encode(stored);
        e = assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(unknown, registry));
        assertTrue(e.getMessage().contains("no AccountState schema number 3 (registered: 1 to 2)"), e.getMessage());
    }

    @Test
    void v2_bytes_of_the_builds_before_decode_to_the_same_state_as_the_v1_bytes_of_the_release() throws IOException {
        List<byte[]> v1 = read(V1_SAMPLE);
        List<byte[]> v2 = read(V2_SAMPLE);
        assertEquals(32, v2.size());
        int settled = 0;
        long v2Bytes = 0;
        long v3Bytes = 0;
        for (int i = 0; i < v2.size(); i++) {
            assertEquals(StoredStates.V2_FIRST_BYTE, v2.get(i)[0]);
            AccountState s = StoredStates.decode(v2.get(i));
            assertEquals(StoredStates.decode(v1.get(i)), withoutSettledRole(s), s.getAccountId());
            settled += s.getSettledRole() == null ? 0 : 1;
            byte[] now = StoredStates.encode(s);
            assertEquals(s, StoredStates.decode(now));
            v2Bytes += v2.get(i).length;
            v3Bytes += now.length;
        }
        assertEquals(8, settled, "the fixture gave every fourth state a settled role");
        assertTrue(v3Bytes < v2Bytes, "v3 " + v3Bytes + " B, v2 " + v2Bytes + " B");
    }

    @Test
    void inconsistent_references_are_rejected_with_the_column_named() {
        assertRejected(st -> st.getReferences().setHexHashes(1 << 6), "hexHashes has unknown bits 40");
        assertRejected(st -> st.getReferences().setHexHashes(0b1001), "hexHashes has addressHash in lower and upper");
        assertRejected(st -> st.getReferences().setHexHashes(0b111), "hashBytes has 2 values, not 3");
        assertRejected(st -> st.getReferences().setHexHashes(0b100 | 0b10 << 3), "hexHashes names emailHash, which the profile has");
        assertRejected(st -> st.getReferences().getEvidenceRefs().set(0, 3), "evidenceRefs refers to 3, which names nothing");
        assertRejected(st -> st.getReferences().getEvidenceRefs().set(0, -1), "evidenceRefs refers to -1");
        assertRejected(st -> st.getReferences().getEvidenceRefs().add(1), "evidenceRefs has 4 values for 3 empty ids");
        assertRejected(st -> st.getReferences().getEvidenceRefs().remove(0), "evidenceRefs has 2 values, fewer than");
        assertRejected(st -> st.getReferences().getProfileRefs().set(0, 2), "profileRefs refers to 2, which names nothing");
        assertRejected(st -> st.getReferences().getProfileRefs().set(2, 1), "profileRefs refers to 1, which names nothing");
        assertRejected(st -> st.getReferences().getProfileRefs().set(2, 99), "profileRefs refers to 99");
        assertRejected(st -> st.getReferences().getProfileRefs().add(0), "profileRefs has 4 values for 3 empty strings");
        assertRejected(st -> st.getRest().setProfile(null), "hexHashes or profileRefs without a profile");
        assertRejected(st -> st.setRestSchema(0), "no AccountState schema number 0");
        assertRejected(st -> st.getDictionary().getShared().set(1, 9), "dictionary string 1 shares 9 + 0 chars with one of 4");
        assertRejected(st -> st.getDictionary().getSharedEnd().set(2, -1), "dictionary string 2 shares 0 + -1 chars");
        assertRejected(st -> st.getDictionary().getMiddle().remove(0), "dictionary.middle has 4 values, not 5");
        assertRejected(st -> st.getHistory().getStrings().add("x"), "strings has more than 0 values");
    }

    @Test
    void a_huge_hash_length_is_rejected_before_anything_is_allocated() throws IOException {
        for (long length : List.of(100L, (long) Integer.MAX_VALUE, Long.MAX_VALUE, -1L)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            out.writeInt(StoredStates.V3_TAG);
            out.writeInt(AccountStateSchemas.registered().current());
            out.writeString("A1");
            out.writeArrayStart();  // an empty dictionary: shared, sharedEnd, middle
            out.writeArrayEnd();
            out.writeArrayStart();
            out.writeArrayEnd();
            out.writeArrayStart();
            out.writeArrayEnd();
            HistoryColumnsV2.of(List.of()).write(out, false);
            out.writeInt(1);        // hexHashes: addressHash
            out.writeLong(1);       // one value in hashBytes
            out.writeLong(length);  // of this many bytes
            out.writeFixed(new byte[20]);
            out.flush();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoredStates.decode(bytes.toByteArray()));
            assertTrue(e.getMessage().contains("hashBytes has a value of " + length + " bytes"), e.getMessage());
        }
    }

    @Test
    void the_history_columns_carry_every_field_of_a_history_entry() {
        // the registry covers the rest of the state, not the history: a new HistoryEntry field needs a new form
        // (ADR 0026), else the columns would drop it without a word
        assertEquals(List.of("txId", "time", "localDay", "localMinute", "credit", "channel", "amountEur", "mcc",
                "counterparty", "counterpartyType", "country", "terminalId", "town", "whiteLabel", "conductor", "flags",
                "refundOf", "passenger", "deviceId"),
                HistoryEntry.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
    }

    @Test
    void random_damage_is_rejected_or_decodes_without_harm() {
        StoredStatesTest.randomDamage(StoredStates.encode(referringState()));
    }

    private static void assertRejected(Consumer<StoredAccountStateV3> damage, String reason) {
        StoredAccountStateV3 stored = AvroBinary.decode(StoredStates.encode(referringState()), StoredAccountStateV3.class);
        damage.accept(stored);
        byte[] bytes = AvroBinary.encode(stored);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** The stored form's schema with the rest written as the AccountState schema {@code accountStateJson}. */
    private static Schema storedForm(String accountStateJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode v3 = (ObjectNode) json.readTree(StoredAccountStateV3.getClassSchema().toString());
        for (JsonNode field : v3.get("fields")) {
            if (field.get("name").asText().equals("rest")) {
                ((ObjectNode) field).set("type", json.readTree(accountStateJson));
            }
        }
        return new Schema.Parser().parse(v3.toString());
    }

    /** Stored states of a fixture: each as its length (4 bytes) and its bytes. */
    static List<byte[]> read(String resource) throws IOException {
        List<byte[]> states = new ArrayList<>();
        try (InputStream in = StoredStatesV3Test.class.getResourceAsStream(resource);
                DataInputStream data = new DataInputStream(in)) {
            while (true) {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException end) {
                    return states;
                }
                byte[] bytes = new byte[length];
                data.readFully(bytes);
                states.add(bytes);
            }
        }
    }

}
