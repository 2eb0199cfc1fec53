package org.htscreen.core.state;

import static org.htscreen.core.state.StoredStatesTest.NICOSIA;
import static org.htscreen.core.state.StoredStatesTest.T0;
import static org.htscreen.core.state.StoredStatesTest.entry;
import static org.htscreen.core.state.StoredStatesTest.richState;
import static org.htscreen.core.state.StoredStatesTest.roundTrip;
import static org.htscreen.core.state.StoredStatesTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Signal;
import org.htscreen.avro.StoredAccountStateV2;
import org.htscreen.avro.StoredHistoryV2;
import org.htscreen.avro.Typology;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The v2 stored form (ADR 0021): its columns hold what StoredAccountStateV2.avsc documents, random states come
 * back equal, v1 bytes written by the release before it decode to the same state, and damaged v2 columns are
 * rejected with the column named.
 */
class StoredStatesV2Test {

    private static final String V1_SAMPLE = "/stored-states/v1-sample-states.bin";

    @Test
    void the_columns_hold_what_the_schema_documents() {
        HistoryEntry a = entry("tx-42-0011702", T0, NICOSIA);
        a.setAmountEur(12.0);
        HistoryEntry b = entry("tx-42-0011815", T0 + 180_000, NICOSIA);
        b.setAmountEur(30.0);
        HistoryEntry c = entry("tx-42-0011816", T0 + 240_000, ZoneId.of("UTC"));
        c.setChannel(Channel.ATM_WITHDRAWAL);
        c.setAmountEur(0.1 + 0.2);
        c.setCounterparty(null);
        c.setCounterpartyType(null);
        StoredAccountStateV2 stored = AvroBinary.decode(StoredStatesV2.encode(state(List.of(a, b, c))),
                StoredAccountStateV2.class);
        StoredHistoryV2 h = stored.getHistory();
        assertEquals(StoredStates.V2_TAG, stored.getFormTag());
        assertEquals("A1", stored.getAccountId());
        assertEquals(List.of("5411", "M-Grocer", "CY", "Nicosia"), h.getStrings());
        assertEquals(List.of(0, -1 - 10, -1 - 12), h.getTxIdShared());
        assertEquals(List.of("tx-42-0011702"), h.getTxIdSuffix());
        assertEquals(List.of(815L, 6L), h.getTxIdDigits(), "'815' after 'tx-42-0011', '6' after 'tx-42-001181'");
        assertEquals(List.of(0, 0, 1), h.getShape(), "a and b share a shape");
        int business = (PartyType.BUSINESS.ordinal() + 1) << EntryAttributes.PARTY_TYPE_SHIFT;
        int card = Channel.CARD_PRESENT.ordinal() << EntryAttributes.CHANNEL_SHIFT;
        int atm = Channel.ATM_WITHDRAWAL.ordinal() << EntryAttributes.CHANNEL_SHIFT;
        assertEquals(List.of(business | card, EntryAttributes.AMOUNT_DOUBLE | atm), h.getShapeAttributes());
        assertEquals(List.of(0b11111, 0b11101), h.getShapePresent(), "c has no counterparty");
        assertEquals(List.of(0, 1, 2, 1, 3, 0, 2, 1, 3), h.getShapeStrings());
        assertEquals(60_000L, h.getTimeUnit(), "whole minutes");
        assertEquals(List.of(T0 / 60_000, 3L, 1L), h.getTimeDelta());
        assertEquals(List.of(2, 1), h.getUtcOffsetRun());
        assertEquals(List.of(120, 0), h.getUtcOffset(), "two entries in Nicosia at UTC+2, then one in UTC");
        assertEquals(600L, h.getCentUnit(), "1,200 and 3,000 cents");
        assertEquals(List.of(2L, 5L), h.getCents());
        assertEquals(List.of(0.1 + 0.2), h.getAmountEur());
        assertEquals("", stored.getRest().getAccountId());
        assertEquals(List.of(), stored.getRest().getHistory());
        roundTrip(state(List.of(a, b, c)));
    }

    @Test
    void random_states_come_back_equal() {
        Random random = new Random(15);
        for (int k = 0; k < 400; k++) {
            AccountState s = randomState(random);
            roundTrip(s);
            assertEquals(s, StoredStates.decode(StoredStatesV2.encode(s)), "from v2 bytes");
        }
    }

    @Test
    void ids_whose_rest_is_digits_keep_their_leading_zeros_and_others_stay_strings() {
        String[] ids = {"tx-0001", "tx-0002", "tx-0010", "tx-1000", "tx-0999", "tx-00999", "tx-01000", "A", "B", "7",
            "07", "08", "x0000000000000000000", "x0000000000000000001", "x1000000000000000001", "999999999999999999",
            "999999999999999998", "000000000000000000", "tx-\u0660\u0661", "tx-\u0660\u0662", "tx-12", "tx-1a"};
        List<HistoryEntry> h = new ArrayList<>();
        for (String id : ids) {
            h.add(entry(id, T0 + h.size(), NICOSIA));
        }
        AccountState s = state(h);
        roundTrip(s);
        StoredHistoryV2 stored = AvroBinary.decode(StoredStatesV2.encode(s), StoredAccountStateV2.class).getHistory();
        assertTrue(stored.getTxIdDigits().contains(999L), stored.getTxIdDigits().toString());
        assertTrue(stored.getTxIdSuffix().contains("0999"), "the rest of a longer id is a string: " + stored.getTxIdSuffix());
    }

    @Test
    void units_are_one_when_nothing_is_common_or_a_value_has_no_magnitude() {
        HistoryEntry a = entry("tx-1", Long.MIN_VALUE, ZoneId.of("UTC"));
        a.setLocalDay(0);
        a.setLocalMinute(0);
        a.setAmountEur(0.0);
        HistoryEntry b = entry("tx-2", 0, ZoneId.of("UTC"));
        b.setAmountEur(0.0);
        AccountState s = state(List.of(a, b));
        roundTrip(s);
        StoredHistoryV2 h = AvroBinary.decode(StoredStatesV2.encode(s), StoredAccountStateV2.class).getHistory();
        assertEquals(1L, h.getTimeUnit());
        assertEquals(1L, h.getCentUnit(), "only zero amounts");
        roundTrip(state(List.of(entry("tx-1", 7, ZoneId.of("UTC")), entry("tx-2", 7 + 13, ZoneId.of("UTC")))));
    }

    @Test
    void v1_bytes_of_the_release_before_decode_to_the_same_state() throws IOException {
        List<byte[]> v1 = readV1Sample();
        assertEquals(32, v1.size());
        int signals = 0;
        int links = 0;
        int alerts = 0;
        long v1Bytes = 0;
        long v2Bytes = 0;
        for (byte[] old : v1) {
            assertTrue(StoredStates.isV1(old));
            AccountState s = StoredStates.decode(old);
            // nothing of the v1 form is lost: the v1 encoder gives bytes of the same length back (map entries may
            // come in another order), which decode to the same state
            byte[] again = StoredStatesV1.encode(s);
            assertEquals(old.length, again.length, s.getAccountId());
            assertEquals(s, StoredStates.decode(again), s.getAccountId());
            byte[] now = StoredStates.encode(s);
            assertEquals(s, StoredStates.decode(now), s.getAccountId());
            signals += s.getSignals().size();
            links += s.getLinks().size();
            alerts += s.getLastAlerts().size();
            v1Bytes += old.length;
            v2Bytes += now.length;
        }
        assertTrue(signals > 0 && links > 0 && alerts > 0, "the sample has signals, links and alerts");
        assertTrue(v2Bytes < v1Bytes, "v2 " + v2Bytes + " B, v1 " + v1Bytes + " B");
    }

    @Test
    void an_unknown_form_tag_is_rejected() {
        byte[] bytes = StoredStates.encode(richState());
        bytes[0] = 0x07;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(bytes));
        assertTrue(e.getMessage().contains("unknown form tag byte 0x7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(new byte[0]));
    }

    @Test
    void huge_counts_are_rejected_before_anything_is_allocated() throws IOException {
        for (long count : List.of(1_000L, (long) Integer.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            out.writeInt(StoredStates.V2_TAG);
            out.writeString("A1");
            out.writeLong(count);   // block count of the string dictionary
            out.writeLong(0);
            out.flush();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoredStates.decode(bytes.toByteArray()));
            assertTrue(e.getMessage().startsWith("not a valid stored AccountState: "), e.getMessage());
        }
    }

    @Test
    void a_huge_count_in_the_rest_of_the_state_is_rejected() {
        StoredAccountStateV2 stored = AvroBinary.decode(StoredStatesV2.encode(richState()), StoredAccountStateV2.class);
        stored.getRest().setSignals(new ArrayList<>());
        byte[] bytes = AvroBinary.encode(stored);
        // the rest's signals array is empty (a zero count byte) right after the rest's account id and history
        byte[] rest = AvroBinary.encode(stored.getRest());
        int at = bytes.length - rest.length + 2;
        assertEquals(0, bytes[at], "signals count");
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(bytes, 0, at);
        damaged.write(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, 5);  // 2^31 - 1 signals
        damaged.write(bytes, at + 1, bytes.length - at - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoredStates.decode(damaged.toByteArray()));
        assertTrue(e.getMessage().startsWith("not a valid stored AccountState: "), e.getMessage());
    }

    @Test
    void inconsistent_columns_are_rejected_with_the_column_named() {
        assertRejected(h -> h.getShape().set(0, 7), "shape 7 of 2");
        assertRejected(h -> h.getShape().set(0, -1), "shape -1 of 2");
        assertRejected(h -> h.getShapeStrings().set(0, 99), "shapeStrings refers to string 99");
        assertRejected(h -> h.getShapeStrings().remove(0), "shapeStrings has");
        assertRejected(h -> h.getShapePresent().set(0, 1 << EntryString.ALL.length), "shapePresent has unknown bits");
        assertRejected(h -> h.getShapeFlags().remove(0), "shapeFlags has");
        assertRejected(h -> h.getUtcOffsetRun().set(0, 5), "utcOffsetRun");
        assertRejected(h -> h.getUtcOffsetRun().set(0, 0), "utcOffsetRun of 0 entries");
        assertRejected(h -> h.getUtcOffset().add(3), "utcOffset has");
        assertRejected(h -> h.setTimeUnit(0L), "timeUnit is 0");
        assertRejected(h -> h.setCentUnit(-100L), "centUnit is -100");
        assertRejected(h -> h.getCents().add(5L), "cents has");
        assertRejected(h -> h.getTimeDelta().remove(0), "timeDelta has");
        assertRejected(h -> h.getTxIdShared().set(0, 40), "txIdShared 40");
        assertRejected(h -> h.getTxIdDigits().set(0, 1_000L), "txIdDigits 1000 is not 3 digits");
        assertRejected(h -> h.getTxIdDigits().set(0, -1L), "txIdDigits -1");
        assertRejected(h -> h.getTxIdShared().set(1, -1 - 13), "txIdShared -14 (13 shared chars, then digits)");
        assertRejected(h -> h.getTxIdShared().set(1, 3), "txIdSuffix has");
        assertRejected(h -> h.getShapeAttributes().set(0, 99 << EntryAttributes.CHANNEL_SHIFT), "no channel 99");
        assertRejected(h -> h.getShapeAttributes().set(0, EntryAttributes.LOCAL_TIME_STORED),
                "utcOffsetRun covers 2 entries, not 1");
    }

    private static void assertRejected(Consumer<StoredHistoryV2> damage, String reason) {
        StoredAccountStateV2 stored = AvroBinary.decode(StoredStatesV2.encode(richState()), StoredAccountStateV2.class);
        damage.accept(stored.getHistory());
        byte[] bytes = AvroBinary.encode(stored);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredStates.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static List<byte[]> readV1Sample() throws IOException {
        return StoredStatesV3Test.read(V1_SAMPLE);
    }

    /** A state with random entries (any channel, nulls, zones, amounts, times, ids) and random other parts. */
    static AccountState randomState(Random r) {
        int n = r.nextInt(4) == 0 ? 0 : r.nextInt(120);
        String[] pool = {"5411", "CY", "GR", "Nicosia", "Limassol", "M-1", "M-2", "ATM-7", "P-9", "DEV-1", "\uD83D\uDE00"};
        String[] zones = {"Asia/Nicosia", "UTC", "Asia/Kathmandu", "America/St_Johns"};
        long unit = new long[] {1, 1_000, 60_000, 3_600_000}[r.nextInt(4)];
        long time = (r.nextLong() % 1_000_000_000L) * unit;
        List<HistoryEntry> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            time += (r.nextInt(10) == 0 ? -1 : 1) * (long) r.nextInt(100_000) * unit;
            HistoryEntry e = entry(r.nextBoolean() ? "tx-" + (1000 + i) : Long.toHexString(r.nextLong()), time,
                    ZoneId.of(zones[r.nextInt(zones.length)]));
            if (r.nextInt(20) == 0) {
                e.setLocalMinute(r.nextInt());
            }
            e.setCredit(r.nextBoolean());
            e.setWhiteLabel(r.nextInt(5) == 0);
            e.setChannel(Channel.values()[r.nextInt(Channel.values().length)]);
            e.setCounterpartyType(r.nextInt(4) == 0 ? null : PartyType.values()[r.nextInt(PartyType.values().length)]);
            e.setAmountEur(switch (r.nextInt(4)) {
                case 0 -> r.nextInt(500);
                case 1 -> r.nextInt(50_000) / 100.0;
                case 2 -> r.nextDouble() * 1e6;
                default -> r.nextInt(100) * 50.0;
            });
            for (EntryString s : EntryString.ALL) {
                s.set(e, r.nextInt(3) == 0 ? null : pool[r.nextInt(pool.length)]);
            }
            e.setFlags(r.nextInt(8) == 0 ? r.nextInt() : 0);
            h.add(e);
        }
        AccountState s = state(h);
        s.setAccountId("ACC-" + r.nextInt(1000));
        if (r.nextBoolean()) {
            s.setProfile(Profiles.person("P-" + r.nextInt(100), s.getAccountId(), r.nextInt(5000)).build());
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            s.getSignals().add(Signal.newBuilder().setRuleId("HT-CASH-0" + k).setFamily("CASH").setTitle("t")
                    .setReason("r " + r.nextInt()).setObserved(Map.of("n", "" + r.nextInt()))
                    .setEvidenceTxIds(h.isEmpty() ? List.of() : List.of(h.get(0).getTxId()))
                    .setEventTime(Instant.ofEpochMilli(T0)).setWeight(r.nextDouble()).build());
        }
        if (r.nextBoolean()) {
            s.getLinks().add(IdentifierLink.newBuilder().setKind("PHONE").setIdentifier("h" + r.nextInt())
                    .setPartyCount(2).setAccountCount(3).setTime(T0).build());
            s.getLastAlerts().add(AlertMark.newBuilder().setTypology(Typology.values()[r.nextInt(Typology.values().length)])
                    .setTime(T0).setScore(r.nextDouble()).build());
        }
        s.setLastEventTime(r.nextLong());
        return s;
    }
}
