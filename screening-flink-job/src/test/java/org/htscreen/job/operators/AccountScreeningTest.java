package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.state.AccountStateSerializer;
import org.htscreen.job.control.ControlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed screening function under Flink's operator test harness: event-time order, timers, TTL clean-up and
 * control messages.
 */
class AccountScreeningTest {

    private static final String A = "CY-ACC-9";
    private static final Duration TTL = Duration.ofDays(120);
    static final String ONE_FAMILY = """
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
        open(RuleSource.bundledWith(parametersYaml), ttl, order);
    }

    private void open(RuleSource rules, StateTtlConfig ttl, ScreeningOrder order) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AccountScreening(rules.withControl(policy), ttl, order),
                AccountInput::getAccountId, Types.STRING, AccountScreening.CONTROL_STATE);
        harness.setStateTtlProcessingTime(0);
    }

    /** The account's stored state, as the operator keeps it. */
    private AccountState stored(String account) throws Exception {
        var backend = harness.getOperator().getKeyedStateBackend();
        Object key = backend.getCurrentKey();
        backend.setCurrentKey(account);
        try {
            return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    new ValueStateDescriptor<>("account-state", new AccountStateSerializer())).value();
        } finally {
            if (key != null) {
                backend.setCurrentKey(key);
            }
        }
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(DeadLetters.TAG) == null ? List.of()
                : harness.getSideOutput(DeadLetters.TAG).stream().map(r -> r.getValue()).toList();
    }

    private void sendProfile(PartyProfile p) throws Exception {
        harness.processElement(AccountInput.newBuilder().setAccountId(A).setProfile(p).build(), 0L);
    }

    // ---- nothing data-dependent escapes the operator (issue 11) ----

    @Test
    void a_transaction_that_makes_screening_throw_becomes_a_dead_letter_and_leaves_no_trace_in_state(@TempDir Path dir) throws Exception {
        open(FailingRules.in(dir, ONE_FAMILY), null, ScreeningOrder.EVENT_TIME);
        List<Transaction> txs = nightDeposits(10, 0);
        // the fifth deposit completes HT-CASH-01's pattern: there the injected failure fires
        List<Transaction> input = new ArrayList<>(txs);
        Transaction boom = Transaction.newBuilder(txs.get(4)).setTxId(FailingRules.PREFIX + "-4").build();
        input.set(4, boom);
        for (Transaction t : input) {
            send(t);
        }
        harness.watermark(txs.get(9).getEventTime().toEpochMilli());   // every deposit screened by its timer

        List<DeadLetter> dead = deadLetters();
        assertEquals(1, dead.size(), dead.toString());
        DeadLetter d = dead.get(0);
        assertEquals(ScreeningPipeline.UID_SCREENING, d.getOperator());
        assertTrue(d.getReason().contains("failed on key " + A), d.getReason());
        assertTrue(d.getReason().contains(FailingRules.MESSAGE), d.getReason());
        assertEquals(boom, AvroBinary.decode(d.getPayload().array(), AccountInput.class).getTransaction());

        // screening went on: the later deposits raised the alert; the failed one is not in the account's history
        List<Alert> alerts = harness.extractOutputValues();
        assertEquals(1, alerts.size(), "the deposits after the failure still alert");
        AccountState s = stored(A);
        assertEquals(9, s.getHistory().size());
        assertTrue(s.getHistory().stream().noneMatch(h -> h.getTxId().equals(boom.getTxId())), "nothing of the failed input in state");
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void in_arrival_order_a_failure_is_a_dead_letter_too_and_the_next_transaction_is_screened(@TempDir Path dir) throws Exception {
        open(FailingRules.in(dir, ONE_FAMILY), null, ScreeningOrder.ARRIVAL);
        List<Transaction> txs = nightDeposits(10, 0);
        Transaction boom = Transaction.newBuilder(txs.get(4)).setTxId(FailingRules.PREFIX + "-4").build();
        for (int i = 0; i < txs.size(); i++) {
            send(i == 4 ? boom : txs.get(i));
        }
        assertEquals(1, deadLetters().size());
        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(9, stored(A).getHistory().size());
    }

    @Test
    void a_profile_that_cannot_be_applied_is_a_dead_letter_and_the_stored_profile_stays() throws Exception {
        open(ONE_FAMILY);
        PartyProfile good = Profiles.person("P-9", A, 2000).build();
        sendProfile(good);
        PartyProfile broken = PartyProfile.newBuilder(good).build();
        broken.put("updatedAt", null);   // cannot come from the decoder: stands for any profile the operator cannot apply
        sendProfile(broken);
        assertEquals(1, deadLetters().size());
        assertTrue(deadLetters().get(0).getReason().contains("NullPointerException"), deadLetters().get(0).getReason());
        assertEquals(good, stored(A).getProfile());
    }

    @Test
    void an_older_profile_version_never_overwrites_a_newer_one() throws Exception {
        open(ONE_FAMILY);
        PartyProfile newer = Profiles.person("P-9", A, 2000).setUpdatedAt(Tx.T0).build();
        PartyProfile older = Profiles.person("P-9", A, 900).setUpdatedAt(Tx.T0.minusSeconds(3600)).build();
        sendProfile(newer);
        sendProfile(older);
        assertEquals(newer, stored(A).getProfile());
        PartyProfile newest = Profiles.person("P-9", A, 3000).setUpdatedAt(Tx.T0.plusSeconds(60)).build();
        sendProfile(newest);
        assertEquals(newest, stored(A).getProfile());
    }

    @Test
    void without_a_state_ttl_a_dormant_account_keeps_its_profile_and_links() throws Exception {
        open(RuleSource.bundledWith(ONE_FAMILY), StateExpiry.of(new JobOptions().stateTtl), ScreeningOrder.EVENT_TIME);
        PartyProfile p = Profiles.person("P-9", A, 2000).build();
        sendProfile(p);
        IdentifierLink link = IdentifierLink.newBuilder().setKind("PHONE").setIdentifier("h-1").setPartyCount(3)
                .setAccountCount(3).setTime(0L).build();
        harness.processElement(AccountInput.newBuilder().setAccountId(A).setLink(link).build(), 0L);
        harness.setStateTtlProcessingTime(Duration.ofDays(2 * 365).toMillis());   // two years without activity
        harness.snapshot(1, 1);
        AccountState s = stored(A);
        assertEquals(p, s.getProfile(), "the profile of the dormant account");
        assertEquals(List.of(link), s.getLinks(), "its shared-identifier findings");
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** Night-time cash deposits at several ATMs in two towns: CASH-01 and CASH-02 add up to a SEX alert. */
    static List<Transaction> nightDeposits(int n, int dayOffset) {
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
