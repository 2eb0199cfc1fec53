package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.control.ControlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed screening function under Flink's operator test harness: event-time order, timers, TTL clean-up and
 * control messages.
 */
class AccountScreeningTest {

    private static final String A = "CY-ACC-9";
    private static final Duration TTL = Duration.ofDays(120);
    private static final String ONE_FAMILY = """
            version: one-family
            parameters:
              engine:
                min_families: 1
            """;

    private KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> harness;
    /** How control updates are admitted; these tests send unsigned ones (ControlPathTest covers signatures). */
    ControlPolicy policy = ControlPolicy.unsigned();

    void open(String parametersYaml) throws Exception {
        open(parametersYaml, ScreeningOrder.EVENT_TIME);
    }

    private void open(String parametersYaml, ScreeningOrder order) throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(TTL).setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired).cleanupFullSnapshot().build();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AccountScreening(RuleSource.bundledWith(parametersYaml).withControl(policy), ttl, order),
                AccountInput::getAccountId, Types.STRING, AccountScreening.CONTROL_STATE);
        harness.setStateTtlProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** Night-time cash deposits at several ATMs in two towns: CASH-01 and CASH-02 add up to a SEX alert. */
    private static List<Transaction> nightDeposits(int n, int dayOffset) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Tx.cashDeposit(A, 200).id("d" + dayOffset + "-" + i)
                    .at(Tx.T0.plusSeconds(86_400L * (dayOffset + i / 2) + 3600L * 13 + 600L * (i % 2)))
                    .terminal("ATM-" + i, i % 2 == 0 ? "Limassol" : "Larnaca").holder("P-9").build());
        }
        return txs;
    }

    void send(Transaction tx) throws Exception {
        harness.processElement(AccountInput.newBuilder().setAccountId(A).setCredit(true).setPartyId("P-9")
                .setTransaction(tx).build(), tx.getEventTime().toEpochMilli());
    }

    @Test
    void transactions_wait_for_the_watermark_and_are_screened_in_event_time_order() throws Exception {
        open(ONE_FAMILY);
        List<Transaction> txs = nightDeposits(10, 0);
        List<Transaction> reversed = new ArrayList<>(txs);
        java.util.Collections.reverse(reversed);
        for (Transaction t : reversed) {
            send(t);
        }
        assertTrue(harness.extractOutputValues().isEmpty(), "nothing before the watermark");
        assertEquals(10, harness.numEventTimeTimers());
        harness.watermark(txs.get(9).getEventTime().toEpochMilli());
        List<Alert> alerts = harness.extractOutputValues();
        assertEquals(1, alerts.size());
        assertEquals(0, harness.numEventTimeTimers(), "every timer fired");
        // the same alert as ordered input would give: its trigger is the deposit that completed the pattern in time order
        assertTrue(alerts.get(0).getTriggeringTxId().startsWith("d0-"), alerts.get(0).getTriggeringTxId());
    }

    @Test
    void in_arrival_order_each_transaction_is_screened_when_it_arrives() throws Exception {
        open(ONE_FAMILY, ScreeningOrder.ARRIVAL);
        List<Transaction> txs = nightDeposits(10, 0);
        for (Transaction t : txs) {
            send(t);
        }
        List<Alert> alerts = harness.extractOutputValues();
        assertEquals(1, alerts.size(), "no watermark needed");
        assertEquals(0, harness.numEventTimeTimers());
        assertTrue(alerts.get(0).getTriggeringTxId().startsWith("d0-"), alerts.get(0).getTriggeringTxId());

        // the same trigger as in event-time order, where the deposits wait for the watermark
        close();
        open(ONE_FAMILY);
        for (Transaction t : txs) {
            send(t);
        }
        harness.watermark(txs.get(9).getEventTime().toEpochMilli());
        assertEquals(alerts.get(0).getTriggeringTxId(), harness.extractOutputValues().get(0).getTriggeringTxId());
    }

    @Test
    void in_arrival_order_an_earlier_transaction_arriving_late_is_not_seen_by_those_screened_before_it() throws Exception {
        open(ONE_FAMILY, ScreeningOrder.ARRIVAL);
        List<Transaction> reversed = new ArrayList<>(nightDeposits(10, 0));
        java.util.Collections.reverse(reversed);
        for (Transaction t : reversed) {
            send(t);
        }
        // each deposit is screened with the deposits before it in event time, and those arrive only later: the
        // price of arrival order (in event-time order the same input raises the alert, see the first test)
        assertTrue(harness.extractOutputValues().isEmpty(), "reversed input raises nothing in arrival order");
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void state_is_dropped_after_the_ttl() throws Exception {
        open(ONE_FAMILY);
        List<Transaction> first = nightDeposits(10, 0);
        for (Transaction t : first.subList(0, 5)) {
            send(t);
        }
        harness.watermark(first.get(4).getEventTime().toEpochMilli());
        long before = harness.snapshot(1, 1).getManagedKeyedState().iterator().next().getStateSize();

        harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
        long after = harness.snapshot(2, 2).getManagedKeyedState().iterator().next().getStateSize();
        assertTrue(after < before, "expired account state leaves the snapshot: " + before + " -> " + after);

        int alertsBefore = harness.extractOutputValues().size();
        for (Transaction t : first.subList(5, 7)) {
            send(t);
        }
        harness.watermark(first.get(6).getEventTime().toEpochMilli());
        assertEquals(alertsBefore, harness.extractOutputValues().size(),
                "the forgotten deposits no longer count, so two more deposits raise nothing");
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void a_parameter_update_changes_behaviour_and_an_invalid_one_is_rejected() throws Exception {
        open("""
                version: strict
                parameters:
                  engine:
                    min_families: 3
                """);
        ControlMessage bad = ControlMessage.newBuilder().setVersion("bad-1").setKind(ControlKind.PARAMETERS)
                .setParameters("version: bad-1\nparameters:\n  HT-CASH-01:\n    min_deposits: 0\n").setIssuedAt(Instant.now()).build();
        harness.processBroadcastElement(bad, 0);
        ControlMessage good = ControlMessage.newBuilder().setVersion("lenient-1").setKind(ControlKind.PARAMETERS)
                .setParameters(ONE_FAMILY).setIssuedAt(Instant.now()).build();
        List<Transaction> txs = nightDeposits(10, 0);
        for (Transaction t : txs) {
            send(t);
        }
        harness.watermark(txs.get(4).getEventTime().toEpochMilli());
        assertTrue(harness.extractOutputValues().isEmpty(), "three families needed: no alert");
        harness.processBroadcastElement(good, 0);
        harness.watermark(txs.get(9).getEventTime().toEpochMilli());
        List<Alert> alerts = harness.extractOutputValues();
        assertEquals(1, alerts.size());
        assertEquals("lenient-1", alerts.get(0).getParameterSetVersion());

        List<ControlResult> results = harness.getSideOutput(AccountScreening.CONTROL_RESULTS).stream().map(r -> r.getValue()).toList();
        assertEquals(2, results.size());
        assertFalse(results.get(0).getAccepted());
        assertTrue(results.get(0).getMessage().contains("HT-CASH-01.min_deposits = 0 is out of range"), results.get(0).getMessage());
        assertTrue(results.get(0).getMessage().contains("strict stays in force"), results.get(0).getMessage());
        assertTrue(results.get(1).getAccepted());
        assertEquals(Map.of("PARAMETERS", good), Map.of("PARAMETERS", harness.getBroadcastState(AccountScreening.CONTROL_STATE).get("PARAMETERS")));
    }

    /** The bundled rule set as control-message files, with one text replaced. */
    static Map<String, String> bundledFiles(String file, String from, String to) throws Exception {
        Map<String, String> files = new java.util.HashMap<>();
        ClassLoader cl = AccountScreeningTest.class.getClassLoader();
        List<String> paths = new ArrayList<>(List.of("catalogue.yaml"));
        for (org.htscreen.core.catalogue.Family f : org.htscreen.core.catalogue.Family.values()) {
            paths.add(f.drlFile());
        }
        org.htscreen.core.reference.ReferenceData.FILES.forEach(r -> paths.add("reference/" + r));
        for (String path : paths) {
            try (java.io.InputStream in = cl.getResourceAsStream(org.htscreen.core.rules.RuleSet.BUNDLED_ROOT + path)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                files.put(path, path.equals(file) ? text.replace(from, to) : text);
            }
        }
        return files;
    }

    @Test
    void a_rule_set_update_is_compiled_before_use_and_a_broken_one_is_rejected_with_file_and_line() throws Exception {
        open(ONE_FAMILY);
        ControlMessage broken = ControlMessage.newBuilder().setVersion("rules-broken").setKind(ControlKind.RULE_SET)
                .setFiles(bundledFiles("drl/cash.drl", "depositTowns >=", "depositTownz >=")).setIssuedAt(Instant.now()).build();
        harness.processBroadcastElement(broken, 0);
        // a rule set in which HT-CASH-01 needs more deposits than the pattern has
        ControlMessage stricter = ControlMessage.newBuilder().setVersion("rules-strict").setKind(ControlKind.RULE_SET)
                .setFiles(bundledFiles("catalogue.yaml", "default: 4, unit: count, min: 2, max: 100",
                        "default: 40, unit: count, min: 2, max: 100"))
                .setIssuedAt(Instant.now()).build();
        harness.processBroadcastElement(stricter, 0);
        List<Transaction> txs = nightDeposits(10, 0);
        for (Transaction t : txs) {
            send(t);
        }
        harness.watermark(txs.get(9).getEventTime().toEpochMilli());
        assertTrue(harness.extractOutputValues().isEmpty(), "HT-CASH-01 needs 40 deposits under the new rule set");

        List<ControlResult> results = harness.getSideOutput(AccountScreening.CONTROL_RESULTS).stream().map(r -> r.getValue()).toList();
        assertFalse(results.get(0).getAccepted());
        assertTrue(results.get(0).getMessage().contains("drl/cash.drl line"), results.get(0).getMessage());
        assertTrue(results.get(1).getAccepted(), results.get(1).getMessage());
        assertTrue(results.get(1).getMessage().startsWith("rule set rules-strict"), results.get(1).getMessage());
    }
}
