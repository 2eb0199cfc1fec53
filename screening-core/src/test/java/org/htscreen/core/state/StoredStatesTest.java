package org.htscreen.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.SettledRole;
import org.htscreen.avro.Signal;
import org.htscreen.avro.StoredAccountState;
import org.htscreen.avro.StoredAccountStateV3;
import org.htscreen.avro.StoredHistory;
import org.htscreen.avro.Typology;
import org.htscreen.core.AccountStates;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.SampleStates;
import org.htscreen.samples.SampleConfig;
import org.junit.jupiter.api.Test;

/**
 * The stored form gives every state back exactly, is much smaller than plain Avro, and rejects corrupt bytes: the
 * current (v3) form, and the v1 form of ADR 0009, which still decodes. The v1 column layout is checked on
 * {@link StoredStatesV1}'s bytes; the v2 one in {@link StoredStatesV2Test}, the v3 one in {@link StoredStatesV3Test}.
 */
class StoredStatesTest {

    static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    static final ZoneId NICOSIA = ZoneId.of("Asia/Nicosia");
    private static final int T0_DAY = 20_514;

    // ---- real states ----

    @Test
    void every_state_of_a_sample_run_comes_back_equal_and_under_two_fifths_of_plain_avro() {
        List<AccountState> states = SampleStates.of(SampleConfig.small().withDays(90));
        assertTrue(states.size() > 100, "states: " + states.size());
        long stored = 0;
        long v1 = 0;
        long plain = 0;
        for (AccountState s : states) {
            byte[] bytes = StoredStates.encode(s);
            assertEquals(s, StoredStates.decode(bytes), s.getAccountId());
            assertConformsToSchema(bytes);
            byte[] old = StoredStatesV1.encode(s);
            assertEquals(withoutSettledRole(s), StoredStates.decode(old), s.getAccountId() + " from v1 bytes");
            stored += bytes.length;
            v1 += old.length;
            plain += AvroBinary.encode(s).length;
        }
        assertTrue(stored * 5 < plain * 2, "stored " + stored + " B, plain Avro " + plain + " B");
        assertTrue(stored < v1, "v2 " + stored + " B, v1 " + v1 + " B");
    }

    @Test
    void account_states_bytes_are_the_stored_form() {
        AccountState s = state(List.of(entry("tx-1", T0, NICOSIA)));
        assertArrayEquals(StoredStates.encode(s), AccountStates.toBytes(s));
        assertEquals(StoredStates.V3_FIRST_BYTE, AccountStates.toBytes(s)[0]);
        assertEquals(s, AccountStates.fromBytes(StoredStates.encode(s)));
    }

    @Test
    void the_columns_hold_what_the_schema_documents() {
        HistoryEntry a = entry("tx-42-0011702", T0, NICOSIA);
        a.setCounterparty("M-1");
        a.setTerminalId("M-1");
        a.setCounterpartyType(PartyType.BUSINESS);
        a.setCredit(true);
        HistoryEntry b = entry("tx-42-0011815", T0 + 90_000, NICOSIA);
        b.setAmountEur(0.1 + 0.2);
        b.setChannel(Channel.ATM_WITHDRAWAL);
        b.setCounterparty("M-1");
        b.setTerminalId(null);
        b.setCounterpartyType(null);
        StoredHistory h = stored(state(List.of(a, b))).getHistory();
        assertEquals(List.of("5411", "M-1", "CY", "Nicosia"), h.getStrings());
        assertEquals(List.of(0, 10), h.getTxIdShared());
        assertEquals(List.of("tx-42-0011702", "815"), h.getTxIdSuffix());
        assertEquals(List.of(T0, 90_000L), h.getTimeDelta());
        assertEquals(List.of(120, 0), h.getUtcOffsetDelta(), "Nicosia in March: UTC+2, both");
        assertEquals(List.of(), h.getLocalDay());
        assertEquals(List.of(1250L), h.getCents());
        assertEquals(List.of(0.1 + 0.2), h.getAmountEur());
        assertEquals(List.of(0b11111, 0b10111), h.getPresent(), "b has no terminal");
        assertEquals(List.of(0, 0), h.getMcc());
        assertEquals(List.of(1, 1), h.getCounterparty());
        assertEquals(List.of(1), h.getTerminalId());
        assertEquals(List.of(3, 3), h.getTown());
        assertEquals(List.of(), h.getConductor());
        int business = (PartyType.BUSINESS.ordinal() + 1) << EntryAttributes.PARTY_TYPE_SHIFT;
        int atm = Channel.ATM_WITHDRAWAL.ordinal() << EntryAttributes.CHANNEL_SHIFT;
        int card = Channel.CARD_PRESENT.ordinal() << EntryAttributes.CHANNEL_SHIFT;
        assertEquals(List.of(EntryAttributes.CREDIT | business | card, EntryAttributes.AMOUNT_DOUBLE | atm),
                h.getAttributes());
    }

    // ---- edge cases ----

    @Test
    void an_empty_state_comes_back() {
        AccountState s = state(new ArrayList<>());
        roundTrip(s);
        s.setLastEventTime(Long.MIN_VALUE);
        roundTrip(s);
    }

    @Test
    void nulls_in_every_optional_field_come_back() {
        HistoryEntry e = entry("tx-1", T0, NICOSIA);
        for (EntryString f : EntryString.ALL) {
            f.set(e, null);
        }
        e.setCounterpartyType(null);
        HistoryEntry full = entry("tx-2", T0, NICOSIA);
        for (EntryString f : EntryString.ALL) {
            f.set(full, f.column() + "-value");
        }
        AccountState s = state(List.of(e, full, e));
        s.setProfile(null);
        roundTrip(s);
    }

    @Test
    void every_enum_symbol_and_boolean_comes_back() {
        List<HistoryEntry> h = new ArrayList<>();
        for (Channel c : Channel.values()) {
            for (int t = -1; t < PartyType.values().length; t++) {
                HistoryEntry e = entry("tx-" + c + t, T0, NICOSIA);
                e.setChannel(c);
                e.setCounterpartyType(t < 0 ? null : PartyType.values()[t]);
                e.setCredit(t % 2 == 0);
                e.setWhiteLabel(t % 3 == 0);
                e.setFlags(t < 0 ? Integer.MIN_VALUE : 1 << t);
                h.add(e);
            }
        }
        roundTrip(state(h));
    }

    @Test
    void amounts_come_back_to_the_bit_whole_cents_or_not() {
        double[] amounts = {0, 0.01, 12.34, 0.1 + 0.2, 1.0 / 3, 12.345, 1e-300, Double.MIN_VALUE, -0.0, -12.34,
            -0.01, 1e15 + 0.25, 9.007199254740993e15, Long.MAX_VALUE / 100.0, Long.MIN_VALUE / 100.0, 1e300,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<HistoryEntry> h = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            HistoryEntry e = entry("tx-" + i, T0 + i, NICOSIA);
            e.setAmountEur(amounts[i]);
            h.add(e);
        }
        StoredHistory stored = stored(state(h)).getHistory();
        assertTrue(stored.getCents().containsAll(List.of(0L, 1L, 1234L, -1234L, -1L)), "whole cents");
        assertTrue(stored.getAmountEur().containsAll(List.of(0.1 + 0.2, 1.0 / 3, 12.345, -0.0, Double.NaN,
                Double.POSITIVE_INFINITY, Double.MAX_VALUE)), "kept as doubles");
        assertFalse(stored.getAmountEur().contains(0.0), "0.0 is 0 cents, -0.0 is not");
        AccountState original = state(h);
        AccountState decoded = StoredStates.decode(StoredStates.encode(original));
        for (int i = 0; i < amounts.length; i++) {
            assertEquals(Double.doubleToRawLongBits(amounts[i]),
                    Double.doubleToRawLongBits(decoded.getHistory().get(i).getAmountEur()), "amount " + amounts[i]);
            // HistoryEntry.equals compares amounts with ==, so NaN is never equal: the rest is compared without them
            decoded.getHistory().get(i).setAmountEur(0);
            original.getHistory().get(i).setAmountEur(0);
        }
        assertEquals(original, decoded);
    }

    @Test
    void ids_without_a_common_prefix_and_in_any_script_come_back() {
        List<String> ids = List.of("tx-1", "tx-10", "tx-1", "", "", "x", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "Συναλλαγή-1", "Συναλλαγή-2", "交易-1", "交易-2", "tx-\uD83D\uDE00",
                "tx-\uD83D\uDE03", "tx-\uD83D\uDE03\uD83D\uDE00", "tx-\uD83D\uDE00-ü", "tx-\uD83D\uDE00");
        List<HistoryEntry> h = new ArrayList<>();
        for (String id : ids) {
            h.add(entry(id, T0, NICOSIA));
        }
        roundTrip(state(h));
    }

    @Test
    void sequential_ids_take_a_few_bytes() {
        StoredHistory h = stored(state(List.of(entry("tx-42-0011702", T0, NICOSIA),
                entry("tx-42-0011703", T0, NICOSIA), entry("tx-42-0012001", T0, NICOSIA)))).getHistory();
        assertEquals(List.of("tx-42-0011702", "3", "2001"), h.getTxIdSuffix());
    }

    @Test
    void a_surrogate_pair_is_never_split() {
        assertEquals(3, EntryValues.sharedPrefix("tx-\uD83D\uDE00", "tx-\uD83D\uDE03"));
        assertEquals(5, EntryValues.sharedPrefix("tx-\uD83D\uDE00", "tx-\uD83D\uDE00-1"));
        assertEquals(5, EntryValues.sharedPrefix("tx-\uD83D\uDE00", "tx-\uD83D\uDE00"));
    }

    @Test
    void local_times_of_zones_with_negative_half_and_quarter_hour_offsets_are_kept_as_offsets() {
        List<HistoryEntry> h = new ArrayList<>();
        long[] times = {T0, T0 + 1, T0 + 59_999, Instant.parse("2026-03-29T00:59:59.999Z").toEpochMilli(),
            Instant.parse("2026-10-25T00:30:00Z").toEpochMilli(), 0, -1, -60_001, -86_400_000L * 365 * 70 - 7};
        for (String zone : List.of("Asia/Nicosia", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu",
                "Pacific/Chatham", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "UTC",
                "Europe/Amsterdam", "Africa/Monrovia")) {
            for (long t : times) {
                h.add(entry("tx-" + h.size(), t, ZoneId.of(zone)));
            }
        }
        AccountState s = state(h);
        roundTrip(s);
        assertEquals(List.of(), stored(s).getHistory().getLocalDay(), "every local time is an offset from UTC");
    }

    @Test
    void local_times_before_standard_zones_are_kept_as_offsets_too() {
        // Amsterdam was UTC+00:19:32 until 1937: the local minute is still the UTC minute plus a whole offset
        long t = Instant.parse("1920-06-01T10:00:31Z").toEpochMilli();
        AccountState s = state(List.of(entry("tx-1", t, ZoneId.of("Europe/Amsterdam")),
                entry("tx-2", t + 1_000, ZoneId.of("Europe/Amsterdam"))));
        roundTrip(s);
    }

    @Test
    void local_times_no_offset_gives_back_are_kept_as_they_are() {
        HistoryEntry minuteTooLarge = entry("tx-1", T0, NICOSIA);
        minuteTooLarge.setLocalMinute(1_440);
        HistoryEntry negativeMinute = entry("tx-2", T0, NICOSIA);
        negativeMinute.setLocalMinute(-1);
        HistoryEntry farDay = entry("tx-3", T0, NICOSIA);
        farDay.setLocalDay(Integer.MAX_VALUE);
        HistoryEntry farPast = entry("tx-4", T0, NICOSIA);
        farPast.setLocalDay(Integer.MIN_VALUE);
        farPast.setLocalMinute(Integer.MIN_VALUE);
        AccountState s = state(List.of(entry("tx-0", T0, NICOSIA), minuteTooLarge, negativeMinute, farDay, farPast,
                entry("tx-5", T0, NICOSIA)));
        roundTrip(s);
        StoredHistory h = stored(s).getHistory();
        assertEquals(List.of(T0_DAY, T0_DAY, Integer.MAX_VALUE, Integer.MIN_VALUE), h.getLocalDay());
        assertEquals(List.of(1_440, -1, 600, Integer.MIN_VALUE), h.getLocalMinute());
        assertEquals(List.of(120, 0), h.getUtcOffsetDelta());
    }

    @Test
    void equal_decreasing_and_extreme_times_come_back() {
        long[] times = {T0, T0, T0 - 1, T0 - 86_400_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0,
            Long.MAX_VALUE, -1};
        List<HistoryEntry> h = new ArrayList<>();
        for (long t : times) {
            HistoryEntry e = entry("tx-" + h.size(), t, ZoneId.of("UTC"));
            if (t == Long.MAX_VALUE || t == Long.MIN_VALUE) {
                e.setLocalDay(0);
                e.setLocalMinute(0);
            }
            h.add(e);
        }
        roundTrip(state(h));
    }

    @Test
    void dictionaries_beyond_one_and_two_byte_references_come_back() {
        for (int size : List.of(63, 64, 127, 128, 8_191, 8_192, 20_000)) {
            List<HistoryEntry> h = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                HistoryEntry e = entry(String.format("tx-%07d", i), T0 + 60_000L * i, NICOSIA);
                e.setCounterparty("CP-" + i);
                e.setTown(i % 2 == 0 ? "Nicosia" : "Town " + (i % 1_000));
                h.add(e);
            }
            AccountState s = state(h);
            roundTrip(s);
            assertTrue(stored(s).getHistory().getStrings().size() >= size, "dictionary of " + size);
        }
    }

    @Test
    void the_other_parts_of_the_state_come_back_as_they_are() {
        AccountState s = state(List.of(entry("tx-1", T0, NICOSIA)));
        s.setSignals(new ArrayList<>(List.of(Signal.newBuilder().setRuleId("HT-CASH-01").setFamily("CASH")
                .setTitle("Night cash").setReason("5 deposits").setObserved(Map.of("deposits", "5"))
                .setEvidenceTxIds(List.of("tx-1")).setEventTime(Instant.ofEpochMilli(T0)).setWeight(0.4).build())));
        s.setLinks(new ArrayList<>(List.of(IdentifierLink.newBuilder().setKind("PHONE").setIdentifier("h1")
                .setPartyCount(3).setAccountCount(4).setTime(T0).build())));
        s.setLastAlerts(new ArrayList<>(List.of(AlertMark.newBuilder().setTypology(Typology.values()[0]).setTime(T0)
                .setScore(0.75).build())));
        s.setLastEventTime(T0);
        roundTrip(s);
    }

    @Test
    void a_settled_role_comes_back() {
        AccountState s = richState();
        s.setSettledRole(SettledRole.newBuilder().setRole(RoleHint.SUSPECTED_CONTROLLER).setTypology(Typology.FORCED_CRIMINALITY)
                .setTime(T0).setBasis("HT-CRIM-03, HT-NET-03").setWeight(1.5).build());
        assertEquals(s.getSettledRole(), roundTrip(s).getSettledRole());
    }

    // ---- states stored before a field was added ----

    /**
     * The stored form of a real account state (a sample ring's controller after four alerts, 281 transactions, 11
     * signals, 2 links), written in the v1 form by the code before the settled role (ADR 0016, amendment) existed:
     * it restores, with no settled role.
     */
    @Test
    void a_state_stored_before_the_settled_role_restores() throws IOException {
        byte[] before;
        try (var in = getClass().getResourceAsStream("/state/stored-state-before-settled-role.bin")) {
            before = in.readAllBytes();
        }
        AccountState s = StoredStates.decode(before);
        assertEquals("CY-ACC-000201", s.getAccountId());
        assertEquals(281, s.getHistory().size());
        assertEquals("tx-42-0017079", s.getHistory().get(0).getTxId());
        assertEquals("tx-42-0017213", s.getHistory().get(280).getTxId());
        assertEquals(List.of("HT-NET-03", "HT-FLOW-03", "HT-SPEND-01", "HT-SPEND-09", "HT-FLOW-01", "HT-SPEND-12",
                "HT-NET-01", "HT-NET-05", "HT-KYC-01", "HT-CRIM-03", "HT-SPEND-13"),
                s.getSignals().stream().map(Signal::getRuleId).toList());
        assertEquals(2, s.getLinks().size());
        assertEquals(List.of(Typology.SEXUAL_EXPLOITATION, Typology.LABOUR_EXPLOITATION, Typology.FORCED_CRIMINALITY,
                Typology.GENERAL_LAUNDERING), s.getLastAlerts().stream().map(AlertMark::getTypology).toList());
        assertEquals(1_795_986_420_000L, s.getLastEventTime());
        assertTrue(s.getProfile() != null);
        assertEquals(null, s.getSettledRole());
        // written again, it takes the v2 form (ADR 0021) and reads back the same
        assertEquals(s, StoredStates.decode(StoredStates.encode(s)));
    }

    // ---- shared strings ----

    @Test
    void decoded_entries_share_equal_strings_and_stay_independent() {
        AccountState original = state(List.of(entry("tx-1", T0, NICOSIA), entry("tx-2", T0 + 1, NICOSIA)));
        AccountState before = AccountStates.copy(original);
        AccountState decoded = StoredStates.decode(StoredStates.encode(original));
        assertEquals(before, original, "encoding leaves the state as it was");
        HistoryEntry first = decoded.getHistory().get(0);
        HistoryEntry second = decoded.getHistory().get(1);
        assertSame(first.getTown(), second.getTown());
        first.setTown("Limassol");
        assertEquals("Nicosia", second.getTown());
        decoded.getHistory().remove(1);
        assertEquals(before, original);
    }

    // ---- corrupt bytes ----

    @Test
    void every_truncation_is_rejected_with_a_reason() {
        for (byte[] bytes : List.of(StoredStates.encode(richState()), StoredStatesV1.encode(richState()))) {
            for (int len = 0; len < bytes.length; len++) {
                byte[] truncated = Arrays.copyOf(bytes, len);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> StoredStates.decode(truncated));
                assertTrue(e.getMessage().startsWith("not a valid stored AccountState: "), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(null));
    }

    @Test
    void trailing_bytes_are_rejected() {
        for (byte[] bytes : List.of(StoredStates.encode(richState()), StoredStatesV1.encode(richState()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoredStates.decode(Arrays.copyOf(bytes, bytes.length + 1)));
            assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());
        }
    }

    @Test
    void huge_counts_are_rejected_before_anything_is_allocated() throws IOException {
        for (long count : List.of(1_000L, (long) Integer.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            out.writeString("A1");
            out.writeLong(count);   // block count of the string dictionary
            out.writeLong(0);
            out.flush();
            assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(bytes.toByteArray()));
        }
    }

    @Test
    void inconsistent_columns_are_rejected_with_the_column_named() {
        assertRejected(h -> h.getMcc().set(0, 99), "mcc refers to string 99");
        assertRejected(h -> h.getTown().set(1, -1), "town refers to string -1");
        assertRejected(h -> h.getFlags().remove(0), "flags has");
        assertRejected(h -> h.getPresent().set(0, 1 << EntryString.ALL.length), "present has unknown bits");
        assertRejected(h -> h.getPresent().set(0, 0), "mcc has");
        assertRejected(h -> h.getCents().add(5L), "cents has");
        assertRejected(h -> h.getTxIdShared().set(1, 40), "txIdShared 40");
        assertRejected(h -> h.getAttributes().set(0, 99 << EntryAttributes.CHANNEL_SHIFT), "no channel 99");
        assertRejected(h -> h.getAttributes().set(0, 15 << EntryAttributes.PARTY_TYPE_SHIFT), "no counterparty type");
        assertRejected(h -> h.getAttributes().set(0, EntryAttributes.LOCAL_TIME_STORED), "utcOffsetDelta has");
    }

    @Test
    void random_damage_is_rejected_or_decodes_without_harm() {
        randomDamage(StoredStates.encode(richState()));
        randomDamage(StoredStatesV1.encode(richState()));
    }

    static void randomDamage(byte[] bytes) {
        Random random = new Random(7);
        for (int trial = 0; trial < 5_000; trial++) {
            byte[] damaged = bytes.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                StoredStates.decode(damaged);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("not a valid stored AccountState: "), e.getMessage());
            }
        }
    }

    // ---- helpers ----

    private static void assertRejected(Consumer<StoredHistory> damage, String reason) {
        StoredAccountState stored = stored(richState());
        damage.accept(stored.getHistory());
        byte[] bytes = AvroBinary.encode(stored);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** The state comes back from its stored form and from its v1 form. */
    static AccountState roundTrip(AccountState s) {
        byte[] bytes = StoredStates.encode(s);
        AccountState decoded = StoredStates.decode(bytes);
        assertEquals(s, decoded);
        assertConformsToSchema(bytes);
        byte[] v1 = StoredStatesV1.encode(s);
        AccountState v1Fields = withoutSettledRole(s);
        assertEquals(v1Fields, StoredStates.decode(v1), "from v1 bytes");
        StoredAccountState viaAvro = AvroBinary.decode(v1, StoredAccountState.class);
        assertEquals(v1Fields, StoredStates.decode(AvroBinary.encode(viaAvro)));
        return decoded;
    }

    /** The state as the v1 form holds it: the settled role (ADR 0016) came with the v2 form. */
    static AccountState withoutSettledRole(AccountState s) {
        AccountState copy = AccountState.newBuilder(s).build();
        copy.setSettledRole(null);
        return copy;
    }

    /**
     * The bytes are the Avro encoding of a StoredAccountStateV3: Avro reads them to the end, and what Avro writes of
     * that record decodes to the same state (not always to the same bytes: map entries may change order).
     */
    static void assertConformsToSchema(byte[] bytes) {
        StoredAccountStateV3 viaAvro = AvroBinary.decode(bytes, StoredAccountStateV3.class);
        assertEquals(StoredStates.decode(bytes), StoredStates.decode(AvroBinary.encode(viaAvro)));
    }

    /** The v1 form of a state, as the v1 record. */
    private static StoredAccountState stored(AccountState s) {
        return AvroBinary.decode(StoredStatesV1.encode(s), StoredAccountState.class);
    }

    static AccountState richState() {
        HistoryEntry a = entry("tx-42-0011702", T0, NICOSIA);
        HistoryEntry b = entry("tx-42-0011815", T0 + 3_600_000, NICOSIA);
        b.setAmountEur(1.0 / 3);
        b.setConductor("P-9");
        AccountState s = state(List.of(a, b));
        s.setProfile(Profiles.person("P-1", "A1", 1500).build());
        return s;
    }

    static AccountState state(List<HistoryEntry> history) {
        return AccountState.newBuilder().setAccountId("A1").setHistory(new ArrayList<>(history))
                .setSignals(new ArrayList<>()).setLinks(new ArrayList<>()).setLastAlerts(new ArrayList<>()).build();
    }

    /** A card payment of 12.50 at a grocer in Nicosia, with local day and minute as HistoryEntries computes them. */
    static HistoryEntry entry(String txId, long time, ZoneId zone) {
        HistoryEntry e = new HistoryEntry();
        e.setTxId(txId);
        e.setTime(time);
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(time), zone);
        e.setLocalDay((int) local.toLocalDate().toEpochDay());
        e.setLocalMinute(local.getHour() * 60 + local.getMinute());
        e.setCredit(false);
        e.setChannel(Channel.CARD_PRESENT);
        e.setAmountEur(12.5);
        e.setMcc("5411");
        e.setCounterparty("M-Grocer");
        e.setCounterpartyType(PartyType.BUSINESS);
        e.setCountry("CY");
        e.setTerminalId("M-Grocer");
        e.setTown("Nicosia");
        e.setWhiteLabel(false);
        e.setFlags(0);
        return e;
    }
}
