package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountOutcome;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RuleMode;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.scoring.TypologyScorer;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.RuleCopies;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Shadow rules ({@code mode: shadow}): evaluated and recorded, never counted. The attacker's view: a shadow rule
 * must not change a single live alert, not by its weight, not by failing, not by running long.
 */
class ShadowRulesTest {

    private static final String ORIGINAL = "HT-CASH-01";
    private static final String COPY = "HT-CASH-98";

    @Test
    void the_mode_is_live_unless_the_catalogue_says_shadow() {
        Catalogue c = RuleCopies.ruleSet(ORIGINAL, COPY, "shadow").catalogue();
        assertEquals(RuleMode.SHADOW, c.rule(COPY).orElseThrow().mode());
        assertEquals(RuleMode.LIVE, c.rule(ORIGINAL).orElseThrow().mode());
        assertEquals(Set.of(COPY), c.shadowRules());
        assertEquals(RuleMode.LIVE, RuleCopies.ruleSet(ORIGINAL, COPY, "live").catalogue().rule(COPY).orElseThrow().mode());
        assertTrue(RuleSet.bundled().catalogue().shadowRules().isEmpty());
    }

    @Test
    void an_unknown_mode_is_rejected_with_its_line() {
        Map<String, String> files = RuleCopies.withMode(ORIGINAL, "test");
        String catalogue = files.get(RuleSet.CATALOGUE);
        int line = catalogue.substring(0, catalogue.indexOf("    mode: test")).split("\n", -1).length;
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromFiles("bad-mode", files));
        assertTrue(e.getMessage().startsWith("catalogue.yaml line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("test") && e.getMessage().contains("shadow"), e.getMessage());
    }

    @Test
    void a_shadow_copy_of_a_rule_changes_no_live_alert_on_the_sample_traffic() {
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        Run base = run(RuleSet.bundled(), sample, new SimpleMeterRegistry());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Run shadow = run(RuleCopies.ruleSet(ORIGINAL, COPY, "shadow"), sample, registry);
        Run live = run(RuleCopies.ruleSet(ORIGINAL, COPY, "live"), sample, new SimpleMeterRegistry());

        assertFalse(base.alerts.isEmpty());
        assertEquals(base.alerts.size(), shadow.alerts.size());
        for (int i = 0; i < base.alerts.size(); i++) {
            assertArrayEquals(comparable(base.alerts.get(i)), comparable(shadow.alerts.get(i)),
                    "alert " + i + " on " + base.alerts.get(i).getAccountId());
        }
        assertEquals(base.liveSignals, shadow.liveSignals, "the live rules raise the same signals");
        assertFalse(shadow.shadowSignals.isEmpty(), "the shadow copy fires where its original does");
        assertEquals(Set.of(COPY), ruleIds(shadow.shadowSignals));
        assertEquals(base.ruleHits(ORIGINAL), shadow.shadowHits(), "the copy fires on the accounts its original fires on");
        assertTrue(base.shadowSignals.isEmpty());
        // the comparison can fail: the same copy, live, changes the alerts
        assertNotEquals(digest(base.alerts), digest(live.alerts));

        Counter counted = registry.find(ScreeningMetrics.SIGNALS).tag("rule", COPY).tag(ScreeningMetrics.MODE, "shadow").counter();
        assertEquals(shadow.shadowSignals.size(), (long) counted.count());
        assertNull(registry.find(ScreeningMetrics.SIGNALS).tag("rule", COPY).tag(ScreeningMetrics.MODE, "live").counter());
        assertEquals(base.liveSignals.size(), (long) registry.find(ScreeningMetrics.SIGNALS)
                .tag(ScreeningMetrics.MODE, "live").counters().stream().mapToDouble(Counter::count).sum());
    }

    @Test
    void a_shadow_rule_that_fails_loses_only_its_own_signals() {
        Map<String, String> files = RuleCopies.withMode("HT-GEO-01", "shadow");
        files.put("drl/geo.drl", HostileRules.geoRuleOnEveryTransaction("$out.signal(\"HT-GEO-01\", $t).emit();"));
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        Run base = run(withoutGeo(), sample, new SimpleMeterRegistry());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Run failing = run(RuleSet.fromFiles("failing-shadow", files), sample, registry);
        assertEquals(digest(base.alerts, "no-geo"), digest(failing.alerts, "no-geo"),
                "the same alerts (the base names its parameter file)");
        assertTrue(failing.shadowSignals.isEmpty());
        assertTrue(registry.get(ScreeningMetrics.SHADOW_FAILURES).counter().count() >= sample.transactions().size(),
                "every evaluation of the throwing shadow rule is counted as a failure");
    }

    @Test
    void a_shadow_rule_that_overruns_the_time_limit_does_not_stop_the_live_evaluation() {
        Map<String, String> files = RuleCopies.withMode("HT-GEO-01", "shadow");
        files.put("drl/geo.drl", HostileRules.geoRuleOnEveryTransaction("$out.signal(\"HT-GEO-01\", $t).reason(\"always\").emit();"));
        CompiledRules compiled = CompiledRules.compile(RuleSet.fromFiles("slow-shadow", files));
        CompiledRules slowed = compiled.withListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                if (event.getMatch().getRule().getName().equals("HT-GEO-01")) {
                    spin(2 * RuleSession.DEFAULT_TIME_LIMIT.toNanos());
                }
            }
        });
        List<Transaction> deposits = nightDeposits();
        List<Alert> fast = new ArrayList<>();
        List<Alert> slow = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(compiled).clock(() -> 0L).build();
                ScreeningEngine slowEngine = ScreeningEngine.builder().compiledRules(slowed).clock(() -> 0L)
                        .meterRegistry(registry).build()) {
            for (Transaction t : deposits) {
                fast.addAll(engine.screen(t).alerts());
                slow.addAll(slowEngine.screen(t).alerts());   // throws if the shadow overrun reached the live path
            }
        }
        assertEquals(1, fast.size());
        assertEquals(digest(fast), digest(slow));
        assertEquals(deposits.size(), (long) registry.get(ScreeningMetrics.SHADOW_FAILURES).counter().count());
    }

    @Test
    void signals_kept_from_before_a_rule_went_to_shadow_no_longer_count() {
        Signal kept = new Signal(ORIGINAL, "CASH", "t", "r", Map.of(), List.of("tx-1"), Instant.parse("2026-03-02T21:30:00Z"), 0.0);
        Catalogue liveCatalogue = RuleSet.bundled().catalogue();
        Catalogue shadowCatalogue = RuleSet.fromFiles("shadow", RuleCopies.withMode(ORIGINAL, "shadow")).catalogue();
        Parameters live = Parameters.of(liveCatalogue, ParameterOverrides.none());
        Parameters shadow = Parameters.of(shadowCatalogue, ParameterOverrides.none());
        assertEquals(0.6, new TypologyScorer(liveCatalogue).score(TypologyCode.SEX, List.of(kept), live).score(), 1e-9);
        assertEquals(0.0, new TypologyScorer(shadowCatalogue).score(TypologyCode.SEX, List.of(kept), shadow).score(), 1e-9);
        assertFalse(new TypologyScorer(shadowCatalogue).counts(TypologyCode.SEX, List.of(kept), shadow));
        assertTrue(new TypologyScorer(shadowCatalogue).counting(List.of(kept), shadow).isEmpty(),
                "nor in the role hint");
    }

    /** What one run of a rule set over a sample produced. */
    private record Run(List<Alert> alerts, List<String> liveSignals, List<Signal> shadowSignals,
            Map<String, Set<String>> liveHits, Set<String> shadowAccounts) {

        Set<String> ruleHits(String ruleId) {
            return liveHits.getOrDefault(ruleId, Set.of());
        }

        Set<String> shadowHits() {
            return shadowAccounts;
        }
    }

    private static Run run(RuleSet rules, Sample sample, SimpleMeterRegistry registry) {
        List<Alert> alerts = new ArrayList<>();
        List<String> live = new ArrayList<>();
        List<Signal> shadow = new ArrayList<>();
        Map<String, Set<String>> hits = new java.util.HashMap<>();
        Set<String> shadowAccounts = new TreeSet<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().rules(rules).clock(() -> 0L).meterRegistry(registry).build()) {
            for (PartyProfile p : sample.profiles()) {
                engine.upsertProfile(p);
            }
            for (Transaction t : sample.transactions()) {
                for (AccountOutcome o : engine.screen(t).outcomes()) {
                    alerts.addAll(o.alerts());
                    o.signals().forEach(s -> {
                        live.add(o.accountId() + " " + s.getRuleId() + " " + s.getReason());
                        hits.computeIfAbsent(s.getRuleId(), k -> new TreeSet<>()).add(o.accountId());
                    });
                    shadow.addAll(o.shadowSignals());
                    if (!o.shadowSignals().isEmpty()) {
                        shadowAccounts.add(o.accountId());
                    }
                }
            }
        }
        return new Run(alerts, live, shadow, hits, shadowAccounts);
    }

    /** The bundled rule set without HT-GEO-01 counting: the same rule set with it switched off. */
    private static RuleSet withoutGeo() {
        Map<String, String> files = HostileRules.bundledFiles();
        files.put("parameters.yaml", "version: no-geo\nparameters:\n  HT-GEO-01:\n    enabled: false\n");
        return RuleSet.fromFiles("no-geo", files);
    }

    /**
     * The alert's Avro bytes with the two fields that name the rule set (its version, and the id derived from it)
     * made equal: a rule set with one more rule is another version, everything else must be the same byte for byte.
     */
    private static byte[] comparable(Alert a) {
        Alert copy = Alert.newBuilder(a).setRuleSetVersion("same").setAlertId("same").build();
        return AvroBinary.encode(copy);
    }

    private static String digest(List<Alert> alerts) {
        return digest(alerts, null);
    }

    /** The alerts' comparable bytes, with the parameter-set version set to {@code parameters} unless null. */
    private static String digest(List<Alert> alerts, String parameters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Alert a : alerts) {
            out.writeBytes(comparable(parameters == null ? a : Alert.newBuilder(a).setParameterSetVersion(parameters).build()));
        }
        return java.util.HexFormat.of().formatHex(out.toByteArray());
    }

    private static Set<String> ruleIds(List<Signal> signals) {
        Set<String> ids = new TreeSet<>();
        signals.forEach(s -> ids.add(s.getRuleId()));
        return ids;
    }

    /** The README's example: eight night cash deposits at ATMs in four towns, one alert. */
    private static List<Transaction> nightDeposits() {
        String[] towns = {"Limassol", "Larnaca", "Paphos", "Nicosia"};
        Instant night = Instant.parse("2026-03-02T21:30:00Z");
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(Transaction.newBuilder()
                    .setTxId("dep-" + i)
                    .setEventTime(night.plusSeconds(43_200L * i))
                    .setAmount(new java.math.BigDecimal("180.00")).setCurrency("EUR")
                    .setChannel(org.htscreen.avro.Channel.ATM_DEPOSIT).setDirection(org.htscreen.avro.Direction.INBOUND)
                    .setOriginator(org.htscreen.avro.TransactionParty.newBuilder().setPartyId("walk-in-" + i).build())
                    .setBeneficiary(org.htscreen.avro.TransactionParty.newBuilder().setAccountId("CY17-0001").setPartyId("P-1").build())
                    .setTerminal(org.htscreen.avro.Terminal.newBuilder().setId("ATM-" + i).setCity(towns[i % 4]).build())
                    .build());
        }
        return out;
    }

    /** Busy for this much CPU time of the current thread. */
    private static void spin(long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + cpuNanos;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            sink += System.nanoTime() & 1;
        }
        if (sink == -1) {
            throw new AssertionError();
        }
    }
}
