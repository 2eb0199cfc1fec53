package org.htscreen.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.Typology;
import org.htscreen.core.AccountStates;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** The embedding API: both sides, validation, replays, state round trips, alerts, suppression, ordering, metrics. */
class ScreeningEngineTest {

    private static final String A = "CY-ACC-7";
    private static final String[] TOWNS = {"Limassol", "Larnaca"};

    /** One family is enough here, so that CASH rules alone can raise alerts. */
    private static ParameterOverrides oneFamily() {
        return ParameterOverrides.parse("""
                version: one-family
                parameters:
                  engine:
                    min_families: 1
                """, "test.yaml");
    }

    private static ScreeningEngine engine(ParameterOverrides p) {
        return ScreeningEngine.builder().parameters(p).clock(() -> 42L).build();
    }

    /** Night-time cash deposits at many ATMs in several towns: HT-CASH-01 and HT-CASH-02 (sexual exploitation). */
    static List<Transaction> nightDeposits(int n) {
        int nightHour = RuleHarness.count("HT-CASH-02.night_start_hour") + 1;
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Tx.cashDeposit(A, 200).id("night-" + i)
                    .at(Tx.T0.plusSeconds(86_400L * (i / 2) + 3600L * (nightHour - 10) + 600L * (i % 2)))
                    .terminal("ATM-" + i, TOWNS[i % TOWNS.length]).holder("P-7").build());
        }
        return txs;
    }

    private static List<Alert> screenAll(ScreeningEngine e, List<Transaction> txs) {
        List<Alert> alerts = new ArrayList<>();
        for (Transaction t : txs) {
            alerts.addAll(e.screen(t).alerts());
        }
        alerts.addAll(e.flush().alerts());
        return alerts;
    }

    @Test
    void an_internal_transfer_is_screened_for_both_accounts() {
        try (ScreeningEngine e = engine(ParameterOverrides.none())) {
            ScreeningResult r = e.screen(Tx.internal("CY-A", "CY-B", 50).build());
            assertEquals(2, r.outcomes().size());
            assertEquals(List.of("CY-A", "CY-B"), r.outcomes().stream().map(o -> o.accountId()).toList());
        }
    }

    @Test
    void invalid_transactions_are_rejected_with_the_reason_and_leave_no_state() {
        try (ScreeningEngine e = engine(ParameterOverrides.none())) {
            InvalidTransactionException neg = assertThrows(InvalidTransactionException.class,
                    () -> e.screen(Tx.cashDeposit(A, 0).id("bad-1").build()));
            assertEquals("transaction bad-1: amount: must be positive, was 0.00", neg.getMessage());
            InvalidTransactionException cur = assertThrows(InvalidTransactionException.class,
                    () -> e.screen(Tx.cashDeposit(A, 10).id("bad-2").currency("XYZ").build()));
            assertTrue(cur.getMessage().contains("unknown currency 'XYZ'"), cur.getMessage());
            Transaction noAccount = Tx.cashDeposit(null, 10).id("bad-3").build();
            assertTrue(assertThrows(InvalidTransactionException.class, () -> e.screen(noAccount))
                    .getMessage().contains("no account of the bank"));
            assertTrue(e.accountIds().isEmpty());
        }
    }

    @Test
    void alerts_name_the_indicators_versions_role_and_evidence_and_have_deterministic_ids() {
        List<Alert> first;
        try (ScreeningEngine e = engine(oneFamily())) {
            first = screenAll(e, nightDeposits(12));
            assertEquals(1, first.size(), "one alert, then suppression");
            Alert a = first.get(0);
            assertEquals(Typology.SEXUAL_EXPLOITATION, a.getTypology());
            assertEquals(A, a.getAccountId());
            assertEquals("P-7", a.getPartyId());
            assertEquals(e.ruleSetVersion(), a.getRuleSetVersion());
            assertEquals("one-family", a.getParameterSetVersion());
            assertTrue(a.getScore() >= a.getThreshold());
            List<String> rules = a.getSignals().stream().map(s -> s.getRuleId()).sorted().toList();
            assertEquals(List.of("HT-CASH-01", "HT-CASH-02"), rules);
            assertTrue(a.getSignals().stream().allMatch(s -> !s.getReason().isBlank() && !s.getEvidenceTxIds().isEmpty()
                    && s.getWeight() > 0));
            assertEquals(RoleHint.UNKNOWN, a.getRoleHint(), "both rules fire on either side");
            assertTrue(a.getSummary().contains("cash deposits at many locations into one account (HT-CASH-01)"), a.getSummary());
            assertEquals(42L, a.getProcessingTime().toEpochMilli());
        }
        try (ScreeningEngine again = engine(oneFamily())) {
            assertEquals(first.get(0).getAlertId(), screenAll(again, nightDeposits(12)).get(0).getAlertId());
        }
    }

    @Test
    void engines_sharing_compiled_rules_screen_alike_on_their_own_threads() throws Exception {
        List<Alert> alone;
        try (ScreeningEngine e = engine(oneFamily())) {
            alone = screenAll(e, nightDeposits(12));
        }
        CompiledRules shared = CompiledRules.compile(RuleSet.bundled());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Alert>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    try (ScreeningEngine e = ScreeningEngine.builder().compiledRules(shared).parameters(oneFamily())
                            .clock(() -> 42L).build()) {
                        return screenAll(e, nightDeposits(12));
                    }
                }));
            }
            for (Future<List<Alert>> run : runs) {
                assertEquals(alone, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void no_alert_without_a_second_family_by_default() {
        try (ScreeningEngine e = engine(ParameterOverrides.none())) {
            ScreeningResult last = null;
            List<Alert> alerts = new ArrayList<>();
            for (Transaction t : nightDeposits(12)) {
                last = e.screen(t);
                alerts.addAll(last.alerts());
            }
            assertFalse(last.signals().isEmpty(), "the rules still signal");
            assertTrue(alerts.isEmpty());
        }
    }

    @Test
    void a_suppressed_alert_comes_back_after_the_suppression_window() {
        try (ScreeningEngine e = engine(oneFamily())) {
            List<Transaction> txs = new ArrayList<>(nightDeposits(8));
            long days = (long) RuleHarness.param("engine.suppression_days") + 1;
            for (Transaction t : nightDeposits(8)) {
                txs.add(Transaction.newBuilder(t).setTxId(t.getTxId() + "-later")
                        .setEventTime(t.getEventTime().plus(Duration.ofDays(days))).build());
            }
            assertEquals(2, screenAll(e, txs).size());
        }
    }

    @Test
    void out_of_order_input_within_the_lateness_gives_the_same_alerts_as_ordered_input() {
        List<Transaction> ordered = nightDeposits(12);
        ordered.addAll(TestTraffic.benignSalaryAccount("CY-SAL-1", 20));
        ordered.sort((x, y) -> x.getEventTime().compareTo(y.getEventTime()));
        List<Transaction> shuffled = new ArrayList<>(ordered);
        // shuffle inside blocks of 5: no transaction moves by more than a few days
        Random rnd = new Random(7);
        for (int i = 0; i < shuffled.size(); i += 5) {
            Collections.shuffle(shuffled.subList(i, Math.min(i + 5, shuffled.size())), rnd);
        }
        Duration lateness = Duration.ofDays(10);
        List<String> a;
        List<String> b;
        try (ScreeningEngine e = ScreeningEngine.builder().parameters(oneFamily()).lateness(lateness).clock(() -> 1L).build()) {
            a = screenAll(e, ordered).stream().map(Alert::toString).toList();
        }
        try (ScreeningEngine e = ScreeningEngine.builder().parameters(oneFamily()).lateness(lateness).clock(() -> 1L).build()) {
            b = screenAll(e, shuffled).stream().map(Alert::toString).toList();
        }
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        try (ScreeningEngine e = ScreeningEngine.builder().parameters(oneFamily()).clock(() -> 1L).build()) {
            assertFalse(a.equals(screenAll(e, shuffled).stream().map(Alert::toString).toList()),
                    "without the lateness buffer the shuffled input must differ, or this test proves nothing");
        }
    }

    @Test
    void a_replayed_transaction_changes_nothing() {
        try (ScreeningEngine e = engine(oneFamily())) {
            List<Transaction> txs = nightDeposits(8);
            screenAll(e, txs);
            AccountState before = e.exportState(A).orElseThrow();
            ScreeningResult replay = e.screen(txs.get(7));
            assertTrue(replay.signals().isEmpty() && replay.alerts().isEmpty());
            assertEquals(before, e.exportState(A).orElseThrow());
        }
    }

    @Test
    void state_taken_out_and_put_back_as_bytes_gives_the_same_results() {
        List<Transaction> txs = nightDeposits(12);
        List<Alert> straight;
        try (ScreeningEngine e = engine(oneFamily())) {
            straight = screenAll(e, txs);
        }
        List<Alert> resumed = new ArrayList<>();
        byte[] bytes;
        try (ScreeningEngine e = engine(oneFamily())) {
            resumed.addAll(screenAll(e, txs.subList(0, 6)));
            bytes = AccountStates.toBytes(e.exportState(A).orElseThrow());
        }
        try (ScreeningEngine e = engine(oneFamily())) {
            e.importState(AccountStates.fromBytes(bytes));
            resumed.addAll(screenAll(e, txs.subList(6, txs.size())));
        }
        assertEquals(straight, resumed);
    }

    @Test
    void history_is_bounded_by_count_and_age() {
        ParameterOverrides small = ParameterOverrides.parse("""
                version: small
                parameters:
                  engine:
                    max_history_entries: 50
                """, "t.yaml");
        try (ScreeningEngine e = engine(small)) {
            for (int i = 0; i < 120; i++) {
                e.screen(Tx.card(A, 10, "5411", "Grocer").day(i / 10, i % 10).build());
            }
            assertEquals(50, e.exportState(A).orElseThrow().getHistory().size());
            e.screen(Tx.card(A, 10, "5411", "Grocer").day(200, 0).build());
            assertEquals(1, e.exportState(A).orElseThrow().getHistory().size(), "older than history_days");
        }
    }

    @Test
    void a_full_history_stays_within_the_documented_size() {
        int max = RuleHarness.count("engine.max_history_entries");
        try (ScreeningEngine e = engine(ParameterOverrides.none())) {
            for (int i = 0; i < max + 50; i++) {
                e.screen(Tx.card(A, 10 + i % 90, "5411", "Supermarket Nicosia Ltd").merchantCity("Nicosia")
                        .merchantCountry("CY").id("grocery-" + i).after(Duration.ofMinutes(20L * i)).build());
            }
            AccountState s = e.exportState(A).orElseThrow();
            assertEquals(max, s.getHistory().size());
            int bytes = AccountStates.toBytes(s).length;
            // AccountHistory documents 20-35 bytes per stored entry with sequential ids, 14 KB for a full history
            assertTrue(bytes <= max * 35, "stored state of a full history: " + bytes + " bytes");
        }
    }

    @Test
    void meters_count_screenings_signals_per_rule_alerts_per_typology_and_time_evaluations() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ScreeningEngine e = ScreeningEngine.builder().parameters(oneFamily()).meterRegistry(registry).build()) {
            List<Alert> alerts = screenAll(e, nightDeposits(12));
            assertEquals(12.0, registry.get(ScreeningMetrics.SCREENED).counter().count());
            assertTrue(registry.get(ScreeningMetrics.SIGNALS).tag("rule", "HT-CASH-01").counter().count() > 0);
            assertEquals(alerts.size(), (int) registry.get(ScreeningMetrics.ALERTS)
                    .tag("typology", "SEXUAL_EXPLOITATION").counter().count());
            assertEquals(12, registry.get(ScreeningMetrics.EVALUATION).timer().count());
        }
    }
}
