package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountOutcome;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.samples.Population;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;

/**
 * Golden run of ADR 0022: the engine with gates and the engine that puts every transaction into Drools give the
 * same signals and alerts, outcome by outcome, on the sample traffic and on a generated bank population.
 */
class GatedGoldenTest {

    @Test
    void the_sample_traffic_gives_the_same_signals_and_alerts_with_and_without_gates() {
        compare(SampleConfig.small());
    }

    @Test
    void a_generated_bank_gives_the_same_signals_and_alerts_with_and_without_gates() {
        compare(SampleConfig.small().withSeed(101).withBenignCustomers(400).withScenarios(2, 2, 2, 2, 2)
                .withPopulation(Population.BANK, 2));
    }

    private static void compare(SampleConfig config) {
        Sample sample = SampleTraffic.generate(config);
        CompiledRules gated = RuleHarness.rules();
        assertTrue(gated.gates().active(), "the bundled rules are gated");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> withGates = run(sample, gated, registry);
        List<String> without = run(sample, gated.everyTransactionEvaluated(), new SimpleMeterRegistry());
        assertEquals(without.size(), withGates.size());
        for (int i = 0; i < without.size(); i++) {
            assertEquals(without.get(i), withGates.get(i), "outcome " + i);
        }
        double screened = registry.counter(ScreeningMetrics.SCREENED).count();
        double gatedOut = registry.counter(ScreeningMetrics.GATED_OUT).count();
        System.out.printf("golden run %s: %,.0f of %,.0f account sides gated out, %d outcomes identical%n",
                config.population(), gatedOut, screened, without.size());
        assertTrue(gatedOut > 0 && gatedOut < screened, gatedOut + " of " + screened + " sides gated out");
        assertTrue(without.stream().anyMatch(s -> !s.endsWith(" alerts []")),
                "the run raises alerts, so the comparison covers them");
    }

    /** Every outcome (account side, signals, alerts) of screening the sample, in order, as text. */
    private static List<String> run(Sample sample, CompiledRules rules, SimpleMeterRegistry registry) {
        List<String> out = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).meterRegistry(registry)
                .clock(() -> 42L).build()) {
            sample.profiles().forEach(engine::upsertProfile);
            for (Transaction t : sample.transactions()) {
                engine.screen(t).outcomes().forEach(o -> out.add(text(o)));
            }
            engine.flush().outcomes().forEach(o -> out.add(text(o)));
        }
        return out;
    }

    private static String text(AccountOutcome o) {
        return o.accountId() + " " + o.txId() + " signals " + o.signals() + " alerts " + o.alerts();
    }
}
