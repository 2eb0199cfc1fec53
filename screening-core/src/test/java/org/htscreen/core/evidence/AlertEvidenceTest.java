package org.htscreen.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.EvidenceTransaction;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SignalEvidence;
import org.htscreen.avro.Transaction;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.network.IdentifierIndex;
import org.htscreen.core.network.LinkUpdate;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** Alerts carry each signal's evidence as readable records, bounded, and network signals name who shares what. */
class AlertEvidenceTest {

    private static final String A = "CY-ACC-7";
    private static final String[] TOWNS = {"Limassol", "Larnaca"};

    private static ScreeningEngine engine() {
        return ScreeningEngine.builder().parameters(ParameterOverrides.parse("""
                version: one-family
                parameters:
                  engine:
                    min_families: 1
                """, "test.yaml")).clock(() -> 42L).build();
    }

    /** Night-time cash deposits at many ATMs in two towns (HT-CASH-01, HT-CASH-02); the last one has a reference. */
    private static List<Transaction> nightDeposits(int n) {
        int nightHour = RuleHarness.count("HT-CASH-02.night_start_hour") + 1;
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Tx.cashDeposit(A, 200).id("night-" + i)
                    .at(Tx.T0.plusSeconds(86_400L * (i / 2) + 3600L * (nightHour - 10) + 600L * (i % 2)))
                    .terminal("ATM-" + i, TOWNS[i % TOWNS.length]).holder("P-7")
                    .reference("deposit <" + i + "> & co").build());
        }
        return txs;
    }

    private static Alert firstAlert(ScreeningEngine e, List<Transaction> txs) {
        for (Transaction t : txs) {
            List<Alert> alerts = e.screen(t).alerts();
            if (!alerts.isEmpty()) {
                return alerts.get(0);
            }
        }
        throw new AssertionError("no alert");
    }

    @Test
    void each_signal_has_its_evidence_transactions_as_records_and_the_screened_one_in_full() throws IOException {
        try (ScreeningEngine e = engine()) {
            Alert a = firstAlert(e, nightDeposits(12));
            assertEquals(a.getSignals().size(), a.getEvidence().size());
            for (int i = 0; i < a.getSignals().size(); i++) {
                Signal s = a.getSignals().get(i);
                SignalEvidence ev = a.getEvidence().get(i);
                assertEquals(s.getRuleId(), ev.getRuleId());
                assertEquals(s.getEvidenceTxIds().size(), ev.getTransactions().size() + ev.getOmitted());
                assertEquals(0, ev.getOmitted(), "every evidence transaction is still in the history");
                Instant previous = Instant.EPOCH;
                for (EvidenceTransaction r : ev.getTransactions()) {
                    assertTrue(s.getEvidenceTxIds().contains(r.getTxId()));
                    assertFalse(r.getTime().isBefore(previous), "oldest first");
                    previous = r.getTime();
                    assertEquals(200.0, r.getAmountEur());
                    assertEquals(Channel.ATM_DEPOSIT, r.getChannel());
                    assertEquals("IN", r.getDirection());
                    assertTrue(List.of("Limassol", "Larnaca").contains(r.getTown()), r.getTown());
                    assertTrue(r.getTerminalId().startsWith("ATM-"));
                    boolean screened = r.getTxId().equals(a.getTriggeringTxId());
                    assertEquals(screened, r.getDetailed(), r.getTxId());
                    if (screened) {
                        assertEquals(new BigDecimal("200.00"), r.getAmount());
                        assertEquals("EUR", r.getCurrency());
                        assertTrue(r.getReference().startsWith("deposit <"), r.getReference());
                    } else {
                        assertNull(r.getReference(), "the compact history keeps no reference");
                        assertNull(r.getAmount());
                    }
                }
                assertTrue(ev.getSharedIdentifiers().isEmpty());
            }
            assertEquals(a, roundTrip(a), "the alert with its evidence survives Avro binary");
        }
    }

    @Test
    void evidence_is_capped_per_signal_latest_first_kept_and_the_rest_counted() {
        Map<String, HistoryEntry> history = new HashMap<>();
        List<String> ids = new ArrayList<>();
        int n = EvidenceBuilder.MAX_TRANSACTIONS + 7;
        for (int i = 0; i < n; i++) {
            HistoryEntry h = entry("tx-" + i, Tx.T0.toEpochMilli() + 60_000L * i);
            history.put(h.getTxId(), h);
            ids.add(h.getTxId());
        }
        ids.add("pruned-long-ago");
        Signal s = signal("HT-CASH-01", ids, Map.of("deposits", String.valueOf(n)));
        SignalEvidence ev = EvidenceBuilder.of(s, history, List.of(), null);
        assertEquals(EvidenceBuilder.MAX_TRANSACTIONS, ev.getTransactions().size());
        assertEquals(8, ev.getOmitted(), "7 over the cap and 1 no longer in the history");
        assertEquals("tx-" + (n - 1), ev.getTransactions().get(EvidenceBuilder.MAX_TRANSACTIONS - 1).getTxId());
        assertEquals("tx-7", ev.getTransactions().get(0).getTxId(), "the latest are kept");
    }

    @Test
    void a_network_signal_names_the_customers_and_accounts_sharing_the_identifier_but_never_the_identifier() {
        IdentifierIndex index = new IdentifierIndex();
        List<LinkUpdate> updates = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            PartyProfile p = Profiles.person("P-" + i, "CY-ACC-" + i, 900).setPhoneHash("secret-phone-hash")
                    .setAddressHash("addr-" + i).build();
            updates.addAll(index.update(null, p));
        }
        Map<String, IdentifierLink> latest = new LinkedHashMap<>();
        updates.stream().filter(u -> u.accountId().equals("CY-ACC-1")).forEach(u -> latest.put(u.link().getKind(), u.link()));
        List<IdentifierLink> links = new ArrayList<>(latest.values());

        Signal net = signal("HT-NET-01", List.of(), Map.of("address_parties", "1", "phone_parties", "4",
                "email_parties", "0"));
        SignalEvidence ev = EvidenceBuilder.of(net, Map.of(), links, null);
        assertEquals(1, ev.getSharedIdentifiers().size());
        var shared = ev.getSharedIdentifiers().get(0);
        assertEquals("PHONE", shared.getKind());
        assertEquals(4, shared.getPartyCount());
        assertEquals(List.of("P-1", "P-2", "P-3", "P-4"), shared.getPartyIds());
        assertEquals(List.of("CY-ACC-1", "CY-ACC-2", "CY-ACC-3", "CY-ACC-4"), shared.getAccountIds());
        assertFalse(ev.toString().contains("secret-phone-hash"), ev.toString());

        Signal cash = signal("HT-CASH-01", List.of(), Map.of("deposits", "8"));
        assertTrue(EvidenceBuilder.of(cash, Map.of(), links, null).getSharedIdentifiers().isEmpty(),
                "only signals that count shared identifiers get them");
    }

    @Test
    void an_alert_with_a_network_signal_from_the_engine_names_the_linked_customers() {
        try (ScreeningEngine e = engine()) {
            for (int i = 1; i <= 4; i++) {
                String account = i == 1 ? A : "CY-ACC-L" + i;
                e.upsertProfile(Profiles.person(i == 1 ? "P-7" : "P-L" + i, account, 900)
                        .setPhoneHash("shared-phone-hash").build());
            }
            List<Alert> alerts = new ArrayList<>();
            for (Transaction t : nightDeposits(12)) {
                alerts.addAll(e.screen(t).alerts());
            }
            SignalEvidence net = alerts.stream().flatMap(a -> a.getEvidence().stream())
                    .filter(ev -> ev.getRuleId().equals("HT-NET-01")).findFirst()
                    .orElseThrow(() -> new AssertionError("HT-NET-01 not in any alert: " + alerts));
            assertEquals(List.of("P-7", "P-L2", "P-L3", "P-L4"), net.getSharedIdentifiers().get(0).getPartyIds());
            assertTrue(alerts.stream().noneMatch(a -> a.toString().contains("shared-phone-hash")));
        }
    }

    private static HistoryEntry entry(String id, long time) {
        return HistoryEntry.newBuilder().setTxId(id).setTime(time).setLocalDay(0).setLocalMinute(0).setCredit(true)
                .setChannel(Channel.ATM_DEPOSIT).setAmountEur(100).build();
    }

    private static Signal signal(String rule, List<String> ids, Map<String, String> observed) {
        return Signal.newBuilder().setRuleId(rule).setFamily("X").setTitle("t").setReason("r")
                .setObserved(new LinkedHashMap<>(observed)).setEvidenceTxIds(new ArrayList<>(ids))
                .setEventTime(Tx.T0).setWeight(1).build();
    }

    private static Alert roundTrip(Alert a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(Alert.class).write(a, enc);
        enc.flush();
        return new SpecificDatumReader<>(Alert.class).read(null,
                DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
