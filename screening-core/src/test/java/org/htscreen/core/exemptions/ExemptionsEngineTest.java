package org.htscreen.core.exemptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exemptions in the engine (ADR 0017): the night cash deposits of the README example alert on CY17-0001; an
 * exemption suppresses that alert (signals still recorded, the suppression names the exemption), by event time.
 */
class ExemptionsEngineTest {

    static final String ACCOUNT = "CY17-0001";
    static final Instant NIGHT = Instant.parse("2026-03-02T21:30:00Z");
    static final Instant APPROVED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FAR = Instant.parse("2026-12-01T00:00:00Z");
    static CompiledRules rules;
    /** Without exemptions: every run's outcome per deposit. */
    static List<ScreeningResult> baseline;
    static Alert first;
    static int firstIndex;

    @BeforeAll
    static void baseline() {
        rules = CompiledRules.compile(RuleSet.bundled());
        baseline = run(Exemptions.none(), 12, new SimpleMeterRegistry());
        for (int i = 0; i < baseline.size() && first == null; i++) {
            if (!baseline.get(i).alerts().isEmpty()) {
                first = baseline.get(i).alerts().get(0);
                firstIndex = i;
            }
        }
        assertTrue(first != null, "the scenario must alert without exemptions");
    }

    static Instant time(int i) {
        return NIGHT.plusSeconds(43_200L * i);
    }

    static Transaction deposit(int i) {
        String[] towns = {"Limassol", "Larnaca", "Paphos", "Nicosia"};
        return Transaction.newBuilder().setTxId("dep-" + i).setEventTime(time(i))
                .setAmount(new BigDecimal("180.00")).setCurrency("EUR")
                .setChannel(Channel.ATM_DEPOSIT).setDirection(Direction.INBOUND)
                .setOriginator(TransactionParty.newBuilder().setPartyId("walk-in-" + i).build())
                .setBeneficiary(TransactionParty.newBuilder().setAccountId(ACCOUNT).setPartyId("P-1").build())
                .setTerminal(Terminal.newBuilder().setId("ATM-" + i).setCity(towns[i % 4]).build())
                .build();
    }

    static List<ScreeningResult> run(Exemptions exemptions, int deposits, SimpleMeterRegistry registry) {
        List<ScreeningResult> out = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).exemptions(exemptions)
                .meterRegistry(registry).clock(() -> 0L).build()) {
            for (int i = 0; i < deposits; i++) {
                out.add(engine.screen(deposit(i)));
            }
        }
        return out;
    }

    static Exemption exemption(String id, String account, String rule, TypologyCode typology, Instant from, Instant to) {
        return new Exemption(id, account, rule, typology, "reviewed: kiosk takings", "m.georgiou", from, to, 0);
    }

    static List<ScreeningResult> run(Exemption... e) {
        return run(new Exemptions("test-1", List.of(e)), 12, new SimpleMeterRegistry());
    }

    static List<Alert> alerts(List<ScreeningResult> results) {
        return results.stream().flatMap(r -> r.alerts().stream()).toList();
    }

    static List<Suppression> suppressions(List<ScreeningResult> results) {
        return results.stream().flatMap(r -> r.suppressions().stream()).toList();
    }

    static List<String> signalIds(List<ScreeningResult> results) {
        return results.stream().flatMap(r -> r.signals().stream()).map(Signal::getRuleId).toList();
    }

    @Test
    void an_account_wide_exemption_suppresses_every_alert_but_keeps_the_signals() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<ScreeningResult> r = run(new Exemptions("test-1",
                List.of(exemption("EX-1", ACCOUNT, null, null, APPROVED, FAR))), 12, registry);
        assertEquals(List.of(), alerts(r));
        assertEquals(signalIds(baseline), signalIds(r), "signals are recorded as without exemptions");
        List<Suppression> s = suppressions(r);
        assertEquals(alerts(baseline).size(), s.size(), "every alert of the baseline is reported as suppressed: " + s);
        Suppression one = s.get(0);
        assertEquals(List.of("EX-1"), one.exemptionIds());
        assertTrue(one.whole());
        assertEquals("test-1", one.exemptionSetVersion());
        assertEquals(first.getAlertId(), one.suppressed().getAlertId(), "the suppressed alert is the one that would have been raised");
        assertFalse(one.suppressed().getEvidence().isEmpty(), "the suppressed alert carries its evidence for the audit");
        double counted = registry.find(ScreeningMetrics.SUPPRESSED).tag("typology", first.getTypology().name())
                .counter().count();
        assertTrue(counted >= 1, "suppressions are counted by typology");
    }

    @Test
    void an_exemption_of_another_account_changes_nothing() {
        List<ScreeningResult> r = run(exemption("EX-1", "CY17-0002", null, null, APPROVED, FAR));
        assertEquals(alerts(baseline).stream().map(Alert::getAlertId).toList(), alerts(r).stream().map(Alert::getAlertId).toList());
        assertEquals(List.of(), suppressions(r));
    }

    @Test
    void expiry_exactly_at_the_event_time_no_longer_applies_and_is_reported_once() {
        List<ScreeningResult> r = run(exemption("EX-1", ACCOUNT, null, null, APPROVED, time(firstIndex)));
        assertEquals(first.getAlertId(), r.get(firstIndex).alerts().get(0).getAlertId(), "expired at the alert's event time");
        assertEquals(List.of(), suppressions(r));
        List<String> expired = r.stream().flatMap(x -> x.expiredExemptions().stream()).map(Exemption::id).toList();
        assertEquals(List.of("EX-1"), expired, "reported once, at the first transaction at or after expiry");
        assertEquals(List.of("EX-1"), r.get(firstIndex).expiredExemptions().stream().map(Exemption::id).toList());
    }

    @Test
    void one_millisecond_before_expiry_it_still_applies_and_the_account_alerts_again_after_it() {
        List<ScreeningResult> r = run(exemption("EX-1", ACCOUNT, null, null, APPROVED, time(firstIndex).plusMillis(1)));
        assertEquals(List.of(), r.get(firstIndex).alerts());
        assertEquals(first.getAlertId(), r.get(firstIndex).suppressions().get(0).suppressed().getAlertId());
        assertEquals(1, r.get(firstIndex + 1).alerts().size(),
                "a suppressed alert is not remembered as raised: the next deposit after expiry alerts");
        assertEquals(List.of(), r.get(firstIndex + 1).suppressions());
    }

    @Test
    void an_exemption_approved_after_the_event_does_not_apply_to_it() {
        List<ScreeningResult> r = run(exemption("EX-1", ACCOUNT, null, null, time(firstIndex).plusSeconds(1), FAR));
        assertEquals(first.getAlertId(), r.get(firstIndex).alerts().get(0).getAlertId());
        assertEquals(List.of(), r.get(firstIndex).suppressions());
    }

    @Test
    void a_typology_exemption_removes_that_typology_only() {
        TypologyCode lead = TypologyCode.of(first.getTypology());
        List<ScreeningResult> r = run(exemption("EX-T", ACCOUNT, null, lead, APPROVED, FAR));
        ScreeningResult at = r.get(firstIndex);
        assertEquals(1, at.suppressions().size());
        Suppression s = at.suppressions().get(0);
        assertEquals(List.of("EX-T"), s.exemptionIds());
        assertEquals(first.getAlertId(), s.suppressed().getAlertId());
        for (Alert a : alerts(r)) {
            assertNotEquals(first.getTypology(), a.getTypology(), "the exempted typology never alerts");
            assertFalse(a.getOtherTypologies().contains(first.getTypology()));
        }
        if (first.getOtherTypologies().isEmpty()) {
            assertTrue(s.whole());
            assertEquals(List.of(), at.alerts());
        } else {
            assertEquals(at.alerts().get(0).getAlertId(), s.raisedAlertId(),
                    "the other typologies still pass and alert; the suppression names that alert");
            assertEquals(first.getOtherTypologies().get(0), at.alerts().get(0).getTypology());
        }
    }

    @Test
    void a_typology_exemption_for_a_typology_that_does_not_pass_changes_nothing() {
        List<TypologyCode> notPassing = new ArrayList<>(List.of(TypologyCode.values()));
        notPassing.removeIf(t -> t.typology() == first.getTypology() || first.getOtherTypologies().contains(t.typology()));
        List<ScreeningResult> r = run(exemption("EX-T", ACCOUNT, null, notPassing.get(0), APPROVED, FAR));
        assertEquals(alerts(baseline).stream().map(Alert::getAlertId).toList(), alerts(r).stream().map(Alert::getAlertId).toList());
        assertEquals(List.of(), suppressions(r));
    }

    @Test
    void a_rule_exemption_takes_that_rule_out_of_scoring_but_keeps_its_signal() {
        String rule = first.getSignals().get(0).getRuleId();
        List<ScreeningResult> r = run(exemption("EX-R", ACCOUNT, rule, null, APPROVED, FAR));
        assertEquals(signalIds(baseline), signalIds(r), "the exempted rule still signals");
        for (Alert a : alerts(r)) {
            assertTrue(a.getSignals().stream().noneMatch(s -> s.getRuleId().equals(rule)),
                    "no alert counts the exempted rule: " + a.getSummary());
        }
        Suppression s = r.get(firstIndex).suppressions().get(0);
        assertEquals(List.of("EX-R"), s.exemptionIds());
        assertTrue(s.suppressed().getSignals().stream().anyMatch(x -> x.getRuleId().equals(rule)),
                "the suppressed alert shows what the rule contributed");
        if (!r.get(firstIndex).alerts().isEmpty()) {
            assertEquals(r.get(firstIndex).alerts().get(0).getAlertId(), s.raisedAlertId());
        }
    }

    @Test
    void a_rule_exemption_for_a_rule_that_does_not_fire_changes_nothing() {
        List<ScreeningResult> r = run(exemption("EX-R", ACCOUNT, "HT-NET-01", null, APPROVED, FAR));
        assertFalse(signalIds(baseline).contains("HT-NET-01"));
        assertEquals(alerts(baseline).stream().map(Alert::getAlertId).toList(), alerts(r).stream().map(Alert::getAlertId).toList());
        assertEquals(List.of(), suppressions(r));
    }

    @Test
    void exemptions_can_be_replaced_while_screening() {
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).clock(() -> 0L)
                .exemptions(new Exemptions("v1", List.of(exemption("EX-1", ACCOUNT, null, null, APPROVED, FAR)))).build()) {
            List<Alert> raised = new ArrayList<>();
            for (int i = 0; i < firstIndex; i++) {
                raised.addAll(engine.screen(deposit(i)).alerts());
            }
            engine.useExemptions(Exemptions.none());
            ScreeningResult at = engine.screen(deposit(firstIndex));
            assertEquals(List.of(), raised);
            assertEquals(first.getAlertId(), at.alerts().get(0).getAlertId(), "revoked: the alert is raised");
            assertEquals(Duration.ZERO.toMillis(), at.suppressions().size());
        }
    }

    @Test
    void an_exemption_naming_a_rule_the_engine_lacks_is_refused_and_the_running_set_stays() {
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).build()) {
            Exemptions bad = new Exemptions("v2", List.of(exemption("EX-9", ACCOUNT, "HT-NOPE-99", null, APPROVED, FAR)));
            InvalidExemptionsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidExemptionsException.class,
                    () -> engine.useExemptions(bad));
            assertTrue(e.getMessage().contains("HT-NOPE-99"), e.getMessage());
            assertEquals("none", engine.exemptions().version());
            assertNull(null);
        }
    }
}
