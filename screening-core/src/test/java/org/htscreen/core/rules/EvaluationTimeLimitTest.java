package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * The evaluation time limit: an evaluation that overruns it is stopped by the watchdog (Drools halt) and the
 * transaction is refused as unscreenable; the engine goes on with a fresh session. With the allow-list no rule can
 * loop, so a slow evaluation is made here by a listener that sleeps before each firing (a test hook of
 * CompiledRules; the watchdog, halt and session replacement are the production code).
 */
class EvaluationTimeLimitTest {

    private static final String ALWAYS =
            HostileRules.geoRuleOnEveryTransaction("$out.signal(\"HT-GEO-01\", $t).reason(\"always\").emit();");


    @Test
    void an_evaluation_longer_than_the_limit_is_stopped_and_the_next_one_runs() {
        Map<String, String> files = HostileRules.bundledFiles();
        files.put("drl/geo.drl", ALWAYS);
        CompiledRules compiled = CompiledRules.compile(RuleSet.fromFiles("always", files));
        AtomicBoolean slow = new AtomicBoolean(false);
        AtomicInteger fired = new AtomicInteger();
        CompiledRules slowed = compiled.withListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                fired.incrementAndGet();
                if (slow.get()) {
                    spin(2 * RuleSession.DEFAULT_TIME_LIMIT.toNanos());
                }
            }
        });
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(slowed).build()) {
            engine.screen(Tx.cashDeposit("CY-1", 100).id("warm-1").build());   // the first (cold) evaluation
            slow.set(true);
            EvaluationTimeoutException e = assertThrows(EvaluationTimeoutException.class,
                    () -> engine.screen(Tx.cashDeposit("CY-1", 100).id("slow-1").build()));
            assertTrue(e.getMessage().contains("transaction slow-1: rule evaluation ran longer than "
                    + RuleSession.DEFAULT_TIME_LIMIT.toMillis() + " ms"), e.getMessage());
            slow.set(false);
            int before = fired.get();
            ScreeningResult next = engine.screen(Tx.cashDeposit("CY-1", 100).id("fast-1").build());
            assertTrue(fired.get() > before, "the next evaluation ran on a fresh session");
            assertEquals(0, next.alerts().size());
        }
    }

    @Test
    void waiting_is_not_overrunning_only_cpu_time_counts() {
        Map<String, String> files = HostileRules.bundledFiles();
        files.put("drl/geo.drl", ALWAYS);
        CompiledRules slowed = CompiledRules.compile(RuleSet.fromFiles("always", files)).withListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                try {   // a thread that waits (for a core, a collection) spends no CPU time
                    Thread.sleep(2 * RuleSession.DEFAULT_TIME_LIMIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(slowed).build()) {
            assertEquals(0, engine.screen(Tx.cashDeposit("CY-1", 100).id("waits-1").build()).alerts().size());
        }
    }

    @Test
    void the_limit_is_an_engine_parameter() {
        Map<String, String> files = HostileRules.bundledFiles();
        files.put("drl/geo.drl", ALWAYS);
        CompiledRules slowed = CompiledRules.compile(RuleSet.fromFiles("always", files)).withListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                spin(2 * RuleSession.DEFAULT_TIME_LIMIT.toNanos());
            }
        });
        ParameterOverrides longer = ParameterOverrides.parse("""
                version: patient
                parameters:
                  engine:
                    evaluation_time_limit_ms: 5000
                """, "patient.yaml");
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(slowed).parameters(longer).build()) {
            assertEquals(0, engine.screen(Tx.cashDeposit("CY-1", 100).id("spins-1").build()).alerts().size(),
                    "twice the default limit passes under a limit of 5 s");
        }
    }

    /** Busy for this much CPU time of the current thread. */
    static void spin(long cpuNanos) {
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
