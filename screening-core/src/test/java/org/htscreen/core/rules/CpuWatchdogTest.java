package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.kie.internal.utils.KieHelper;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/** The re-armed watchdog (ADR 0022): halts only an evaluation that spent its limit, never one that ended. */
class CpuWatchdogTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void evaluations_that_end_within_the_limit_are_never_halted_even_back_to_back() {
        KieSession session = new KieHelper().build().newKieSession();   // an empty session: only halted, never fired
        CpuWatchdog w = new CpuWatchdog(Duration.ofMillis(10));
        try {
            for (int i = 0; i < 20_000; i++) {
                w.start(session);
                spin(i % 100 == 0 ? 2_000_000 : 20_000);   // up to 2 ms of CPU, a fifth of the limit
                w.stop();
                assertFalse(w.overran(), "evaluation " + i);
            }
        } finally {
            w.close();
            session.dispose();
        }
    }

    @Test
    void an_evaluation_is_halted_once_it_has_spent_its_limit_not_before() {
        KieSession session = new KieHelper().build().newKieSession();   // an empty session: only halted, never fired
        CpuWatchdog patient = new CpuWatchdog(Duration.ofSeconds(60));   // watched by the same thread meanwhile
        CpuWatchdog w = new CpuWatchdog(Duration.ofMillis(50));
        try {
            patient.start(session);
            w.start(session);
            long start = THREADS.getCurrentThreadCpuTime();
            long spent = 0;
            while (!w.overran() && spent < 10_000_000_000L) {
                spin(100_000);
                spent = THREADS.getCurrentThreadCpuTime() - start;
            }
            w.stop();
            patient.stop();
            assertTrue(w.overran(), "halted after " + spent / 1_000_000 + " ms of CPU");
            assertTrue(spent >= 50_000_000L, "not before the limit: " + spent / 1_000 + " us");
            assertFalse(patient.overran(), "a longer limit is not cut short by a shorter one");
            w.start(session);
            w.stop();
            assertFalse(w.overran(), "the next evaluation starts afresh");
        } finally {
            w.close();
            patient.close();
            session.dispose();
        }
    }

    private static void spin(long cpuNanos) {
        EvaluationTimeLimitTest.spin(cpuNanos);
    }
}
