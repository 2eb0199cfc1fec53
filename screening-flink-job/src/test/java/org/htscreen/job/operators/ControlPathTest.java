package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.bundle.TrustedKeys;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.TestKeys;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.control.ControlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The control path of the screening operator under Flink's test harness: signatures, the allow-list, exceptions
 * and the guard against silent blinding. A rejected update leaves the running version in force and the operator
 * running.
 */
class ControlPathTest {

    @TempDir
    Path dir;
    TestKeys.Pair maker;
    TestKeys.Pair checker;
    private KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> harness;

    @BeforeEach
    void keys() {
        maker = TestKeys.create(dir, "maker");
        checker = TestKeys.create(dir, "checker");
    }

    private void open(ControlPolicy policy) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(screening(policy),
                AccountInput::getAccountId, Types.STRING, AccountScreening.CONTROL_STATE);
    }

    private static AccountScreening screening(ControlPolicy policy) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(120)).build();
        return new AccountScreening(RuleSource.bundled().withControl(policy), ttl, ScreeningOrder.ARRIVAL);
    }

    private void send(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h, String id)
            throws Exception {
        org.htscreen.avro.Transaction tx = org.htscreen.core.testkit.Tx.cashDeposit("CY-1", 100).id(id).build();
        h.processElement(AccountInput.newBuilder().setAccountId("CY-1").setCredit(true).setPartyId("P-1")
                .setTransaction(tx).build(), tx.getEventTime().toEpochMilli());
    }

    private ControlPolicy trusting(int required, TestKeys.Pair... keys) {
        return ControlPolicy.signed(TrustedKeys.read(java.util.Arrays.stream(keys).map(TestKeys.Pair::publicKey)
                .toList(), required), ControlPolicy.DEFAULT_MAX_DISABLED_SHARE);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static ControlMessage message(String version, ControlKind kind, RuleBundle bundle) {
        return ControlMessage.newBuilder().setVersion(version).setKind(kind).setIssuedAt(Instant.now())
                .setBundle(bundle == null ? null : ByteBuffer.wrap(bundle.toBytes())).build();
    }

    private static RuleBundle parameters(String version, String body) {
        return RuleBundle.ofTexts(Map.of("parameters.yaml", "version: " + version + "\nparameters:\n" + body));
    }

    private RuleBundle signed(RuleBundle b, TestKeys.Pair... keys) {
        for (TestKeys.Pair k : keys) {
            b = b.signedWith(Ed25519Keys.readPrivate(k.privateKey()));
        }
        return b;
    }

    private List<ControlResult> results() {
        return harness.getSideOutput(AccountScreening.CONTROL_RESULTS).stream().map(r -> r.getValue()).toList();
    }

    private static final String LENIENT = "  engine:\n    min_families: 1\n";

    @Test
    void a_signed_parameter_update_is_accepted_and_an_unsigned_or_badly_signed_one_rejected() throws Exception {
        open(trusting(1, maker));
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("plain-1").setKind(ControlKind.PARAMETERS)
                .setParameters("version: plain-1\nparameters:\n" + LENIENT).setIssuedAt(Instant.now()).build(), 0);
        harness.processBroadcastElement(message("other-1", ControlKind.PARAMETERS,
                signed(parameters("other-1", LENIENT), checker)), 0);
        harness.processBroadcastElement(message("good-1", ControlKind.PARAMETERS,
                signed(parameters("good-1", LENIENT), maker)), 0);
        List<ControlResult> r = results();
        assertFalse(r.get(0).getAccepted());
        assertTrue(r.get(0).getMessage().contains("unsigned: the job accepts"), r.get(0).getMessage());
        assertFalse(r.get(1).getAccepted());
        assertTrue(r.get(1).getMessage().contains("not trusted (wrong key)"), r.get(1).getMessage());
        assertTrue(r.get(2).getAccepted(), r.get(2).getMessage());
        assertEquals("good-1", r.get(2).getParameterSetVersion());
        assertTrue(r.get(2).getMessage().contains("signed by " + Ed25519Keys.keyId(Ed25519Keys.readPublic(maker.publicKey()))),
                r.get(2).getMessage());
    }

    @Test
    void without_trusted_keys_every_update_is_refused() throws Exception {
        open(ControlPolicy.refuseAll());
        harness.processBroadcastElement(message("good-1", ControlKind.PARAMETERS,
                signed(parameters("good-1", LENIENT), maker)), 0);
        assertFalse(results().get(0).getAccepted());
        assertTrue(results().get(0).getMessage().contains("no trusted keys"), results().get(0).getMessage());
        assertNull(harness.getBroadcastState(AccountScreening.CONTROL_STATE).get("PARAMETERS"));
    }

    @Test
    void the_signed_version_must_be_the_version_the_message_names() throws Exception {
        open(trusting(1, maker));
        harness.processBroadcastElement(message("renamed", ControlKind.PARAMETERS,
                signed(parameters("good-1", LENIENT), maker)), 0);
        assertFalse(results().get(0).getAccepted());
        assertTrue(results().get(0).getMessage().contains("signed parameters say version good-1"), results().get(0).getMessage());
    }

    @ParameterizedTest
    @EnumSource(HostileRules.class)
    void a_hostile_rule_set_signed_by_a_trusted_insider_is_refused_without_running(HostileRules hostile) throws Exception {
        open(trusting(1, maker));
        Path marker = dir.resolve("marker");
        RuleBundle evil = signed(RuleBundle.ofTexts(hostile.files(marker)), maker);
        harness.processBroadcastElement(message("evil-1", ControlKind.RULE_SET, evil), 0);
        ControlResult r = results().get(0);
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("drl/geo.drl line"), r.getMessage());
        assertFalse(Files.exists(marker), "the hostile code ran");
        assertNull(harness.getBroadcastState(AccountScreening.CONTROL_STATE).get("RULE_SET"));
    }

    @Test
    void a_rule_set_with_a_type_error_is_rejected_naming_the_constraints_line() throws Exception {
        open(ControlPolicy.unsigned());
        Map<String, String> files = new HashMap<>(HostileRules.bundledFiles());
        String from = "nightCashTotal >= $p.num(\"HT-CASH-02.min_night_total_eur\")";
        String cash = files.get("drl/cash.drl").replace(from, "nightCashTotal >= $p.count(3)");
        files.put("drl/cash.drl", cash);
        int line = (int) cash.substring(0, cash.indexOf("$p.count(3)")).chars().filter(c -> c == '\n').count() + 1;
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("typo-1").setKind(ControlKind.RULE_SET)
                .setFiles(files).setIssuedAt(Instant.now()).build(), 0);
        ControlResult r = results().get(0);
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("stays in force"), r.getMessage());
        assertTrue(r.getMessage().contains("drl/cash.drl line " + line + ": rule HT-CASH-02: Unable to Analyse Expression"),
                r.getMessage());
        assertFalse(r.getMessage().contains("line -1"), r.getMessage());
    }

    @Test
    void a_catalogue_without_rules_is_a_rejected_update_not_a_failure() throws Exception {
        open(ControlPolicy.unsigned());
        Map<String, String> files = new HashMap<>(HostileRules.bundledFiles());
        String cat = files.get("catalogue.yaml");
        files.put("catalogue.yaml", cat.substring(0, cat.indexOf("\nrules:")) + "\nrules: ~\n");
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("empty-1").setKind(ControlKind.RULE_SET)
                .setFiles(files).setIssuedAt(Instant.now()).build(), 0);
        ControlResult r = results().get(0);
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("stays in force"), r.getMessage());
    }

    @Test
    void switching_off_every_rule_of_a_typology_needs_one_signature_more() throws Exception {
        open(trusting(1, maker, checker));
        StringBuilder off = new StringBuilder();
        org.htscreen.core.rules.RuleSet.bundled().catalogue().rules().values().stream()
                .filter(d -> d.weight(org.htscreen.core.catalogue.TypologyCode.SMUG) > 0)
                .forEach(d -> off.append("  ").append(d.id()).append(":\n    enabled: false\n"));
        harness.processBroadcastElement(message("blind-1", ControlKind.PARAMETERS,
                signed(parameters("blind-1", off.toString()), maker)), 0);
        harness.processBroadcastElement(message("blind-2", ControlKind.PARAMETERS,
                signed(parameters("blind-2", off.toString()), maker, checker)), 0);
        List<ControlResult> r = results();
        assertFalse(r.get(0).getAccepted());
        assertTrue(r.get(0).getMessage().contains("could blind screening: it switches off every rule of [SMUG]"),
                r.get(0).getMessage());
        assertTrue(r.get(1).getAccepted(), r.get(1).getMessage());
        assertTrue(r.get(1).getMessage().contains("switched off"), r.get(1).getMessage());
    }

    @Test
    void putting_every_rule_of_a_typology_in_shadow_is_switching_it_off_and_needs_one_signature_more() throws Exception {
        open(trusting(1, maker, checker));
        String[] smug = org.htscreen.core.rules.RuleSet.bundled().catalogue().rules().values().stream()
                .filter(d -> d.weight(org.htscreen.core.catalogue.TypologyCode.SMUG) > 0).map(d -> d.id())
                .toArray(String[]::new);
        Map<String, String> files = org.htscreen.core.testkit.RuleCopies.withMode(HostileRules.bundledFiles(), "shadow", smug);
        harness.processBroadcastElement(message("shadow-1", ControlKind.RULE_SET,
                signed(RuleBundle.ofTexts(files), maker)), 0);
        harness.processBroadcastElement(message("shadow-2", ControlKind.RULE_SET,
                signed(RuleBundle.ofTexts(files), maker, checker)), 0);
        List<ControlResult> r = results();
        assertFalse(r.get(0).getAccepted());
        assertTrue(r.get(0).getMessage().contains("could blind screening: it switches off every rule of [SMUG]"),
                r.get(0).getMessage());
        assertTrue(r.get(1).getAccepted(), r.get(1).getMessage());
        assertTrue(r.get(1).getMessage().contains("put in shadow (switched off)"), r.get(1).getMessage());
        harness.processBroadcastElement(message("live-again", ControlKind.RULE_SET,
                signed(RuleBundle.ofTexts(HostileRules.bundledFiles()), maker)), 0);
        assertTrue(results().get(2).getAccepted(), "going live again is not a switch-off: " + results().get(2).getMessage());
    }

    @Test
    void an_unsigned_update_that_switches_off_every_rule_is_refused_even_in_the_demo() throws Exception {
        open(ControlPolicy.unsigned());
        StringBuilder off = new StringBuilder();
        org.htscreen.core.rules.RuleSet.bundled().catalogue().rules().keySet()
                .forEach(id -> off.append("  ").append(id).append(":\n    enabled: false\n"));
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("off").setKind(ControlKind.PARAMETERS)
                .setParameters("version: off\nparameters:\n" + off).setIssuedAt(Instant.now()).build(), 0);
        assertFalse(results().get(0).getAccepted());
        assertTrue(results().get(0).getMessage().contains("could blind screening"), results().get(0).getMessage());
    }

    private String rulesInForce() {
        var op = (org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<?, ?, ?, ?>) harness.getOperator();
        return ((AccountScreening) op.getUserFunction()).versions().get("rules");
    }

    /** HT-GEO-01 fires on every transaction and asks for a parameter that does not exist: it throws at run time. */
    private static final String THROWS_AT_RUN_TIME = HostileRules.geoRuleOnEveryTransaction(
            "$out.signal(\"HT-GEO-01\", $t).reason(\"n = \" + $p.count(\"HT-GEO-01.no_such_parameter\")).emit();");


    @Test
    void a_rule_set_that_fails_at_run_time_is_rolled_back_and_not_re_applied_after_a_restore() throws Exception {
        open(ControlPolicy.unsigned());
        String before = rulesInForce();
        Map<String, String> files = new HashMap<>(HostileRules.bundledFiles());
        files.put("drl/geo.drl", THROWS_AT_RUN_TIME);
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("fragile-1").setKind(ControlKind.RULE_SET)
                .setFiles(files).setIssuedAt(Instant.now()).build(), 0);
        assertTrue(results().get(0).getAccepted(), results().get(0).getMessage());
        for (int i = 0; i < 5; i++) {
            send(harness, "t-" + i);   // a failing evaluation is a dead letter, the operator goes on
        }
        var deadLetters = harness.getSideOutput(DeadLetters.TAG);
        assertEquals(ActiveRules.ROLLBACK_AFTER_FAILURES, deadLetters == null ? 0 : deadLetters.size(),
                "evaluations failed (dead letters) until the rollback");
        ControlResult rollback = results().get(1);
        assertFalse(rollback.getAccepted());
        assertTrue(rollback.getMessage().startsWith("RULE_SET fragile-1 rolled back after 3 failed evaluations"),
                rollback.getMessage());
        assertEquals(before, rollback.getRuleSetVersion());
        assertEquals(before, rulesInForce());

        var snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                        screening(ControlPolicy.unsigned()), List.of(AccountScreening.CONTROL_STATE)),
                AccountInput::getAccountId, Types.STRING, 1, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        send(harness, "after-restore");   // catches up on the stored update: refused, the start-up rules stay
        assertEquals(before, rulesInForce());
    }

    private RuleBundle stampedParameters(String version, String issued) {
        return signed(parameters(version, LENIENT).issuedAt(Instant.parse(issued)), maker);
    }

    @Test
    void an_older_or_equally_old_signed_bundle_sent_again_is_refused_as_a_replay() throws Exception {
        open(trusting(1, maker));
        RuleBundle old = stampedParameters("p-1", "2026-12-01T10:00:00Z");
        RuleBundle current = stampedParameters("p-2", "2026-12-02T10:00:00Z");
        harness.processBroadcastElement(message("p-1", ControlKind.PARAMETERS, old), 0);
        harness.processBroadcastElement(message("p-2", ControlKind.PARAMETERS, current), 0);
        harness.processBroadcastElement(message("p-1", ControlKind.PARAMETERS, old), 0);       // replay
        harness.processBroadcastElement(message("p-2", ControlKind.PARAMETERS, current), 0);   // same issue time
        harness.processBroadcastElement(message("p-3", ControlKind.PARAMETERS,
                signed(parameters("p-3", LENIENT), maker)), 0);                                // unstamped
        List<ControlResult> r = results();
        assertTrue(r.get(0).getAccepted(), r.get(0).getMessage());
        assertTrue(r.get(1).getAccepted(), r.get(1).getMessage());
        for (int i = 2; i < 5; i++) {
            assertFalse(r.get(i).getAccepted(), r.get(i).getMessage());
            assertTrue(r.get(i).getMessage().contains("replay refused"), r.get(i).getMessage());
            assertTrue(r.get(i).getMessage().contains("p-2"), "the running version stays: " + r.get(i).getMessage());
        }
        assertTrue(r.get(2).getMessage().contains("issued at 2026-12-01T10:00:00Z, not after the parameter set accepted "
                + "last (issued at 2026-12-02T10:00:00Z)"), r.get(2).getMessage());
        harness.processBroadcastElement(message("p-4", ControlKind.PARAMETERS,
                stampedParameters("p-4", "2026-12-03T10:00:00Z")), 0);
        assertTrue(results().get(5).getAccepted(), "a newer bundle is taken: " + results().get(5).getMessage());
        // the floor is per kind: an exemption set or rule set is not compared with parameter sets
    }

    @Test
    void unstamped_bundles_are_taken_until_the_first_stamped_one() throws Exception {
        open(trusting(1, maker));
        harness.processBroadcastElement(message("u-1", ControlKind.PARAMETERS, signed(parameters("u-1", LENIENT), maker)), 0);
        harness.processBroadcastElement(message("s-1", ControlKind.PARAMETERS,
                stampedParameters("s-1", "2026-12-01T10:00:00Z")), 0);
        harness.processBroadcastElement(message("u-2", ControlKind.PARAMETERS, signed(parameters("u-2", LENIENT), maker)), 0);
        List<ControlResult> r = results();
        assertTrue(r.get(0).getAccepted(), r.get(0).getMessage());
        assertTrue(r.get(1).getAccepted(), r.get(1).getMessage());
        assertFalse(r.get(2).getAccepted());
        assertTrue(r.get(2).getMessage().contains("replay refused: the bundle has no issue time"), r.get(2).getMessage());
    }

    @Test
    void the_replay_floor_holds_after_a_restore() throws Exception {
        open(trusting(1, maker));
        RuleBundle old = stampedParameters("p-1", "2026-12-01T10:00:00Z");
        harness.processBroadcastElement(message("p-1", ControlKind.PARAMETERS, old), 0);
        harness.processBroadcastElement(message("p-2", ControlKind.PARAMETERS,
                stampedParameters("p-2", "2026-12-02T10:00:00Z")), 0);
        var snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                        screening(trusting(1, maker)), List.of(AccountScreening.CONTROL_STATE)),
                AccountInput::getAccountId, Types.STRING, 1, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        send(harness, "after-restore");   // catches up on the stored update p-2
        harness.processBroadcastElement(message("p-1", ControlKind.PARAMETERS, old), 0);
        List<ControlResult> r = results();
        ControlResult last = r.get(r.size() - 1);
        assertFalse(last.getAccepted(), last.getMessage());
        assertTrue(last.getMessage().contains("replay refused"), last.getMessage());
        assertTrue(last.getParameterSetVersion().contains("p-2") || last.getMessage().contains("p-2"), last.getMessage());
    }

    @Test
    void a_bundle_with_a_hostile_issue_time_is_rejected_and_the_operator_goes_on() throws Exception {
        open(trusting(1, maker));
        byte[] zip = stampedParameters("p-1", "2026-12-01T10:00:00Z").toBytes();
        var rewritten = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                var z = new java.util.zip.ZipOutputStream(rewritten)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                z.write(e.getName().equals(RuleBundle.ISSUED) ? "\u0000+999999999-12-31T23:59:59Z".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8) : bytes);
                z.closeEntry();
            }
        }
        harness.processBroadcastElement(ControlMessage.newBuilder().setVersion("p-1").setKind(ControlKind.PARAMETERS)
                .setIssuedAt(Instant.now()).setBundle(ByteBuffer.wrap(rewritten.toByteArray())).build(), 0);
        ControlResult r = results().get(0);
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("ISSUED is not an ISO-8601 instant"), r.getMessage());
        send(harness, "after-hostile-stamp");   // screening goes on with the running version
        harness.processBroadcastElement(message("p-2", ControlKind.PARAMETERS,
                stampedParameters("p-2", "2026-12-02T10:00:00Z")), 0);
        assertTrue(results().get(1).getAccepted(), results().get(1).getMessage());
    }
}
