package org.htscreen.job.operators;

import java.util.LinkedHashMap;
import java.util.Map;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rule sets shared by the screening subtasks of one job in one JVM (a TaskManager's slots, a restart
 * after a failure, a rule update that every subtask receives): each rule-set version is compiled once, not once per
 * subtask. Compiled rules are safe to share between threads; each subtask still has its own rule session. Keyed by
 * {@link RuleSet#version()}, which hashes the catalogue, DRL and reference texts; the last {@value #CAPACITY}
 * versions are kept. A rule set that does not compile is not kept, so every subtask reports it.
 *
 * <p>A compilation belongs to the class loader it was made with (the task's context class loader, which Flink
 * closes when the job ends): compilations are shared only among callers with the same one, and a caller with
 * another class loader (the next job in the same JVM) starts afresh. Nor are they shared across task attempts: a
 * task cancelled during a failover is interrupted wherever it is, also while Drools links a rule's generated classes
 * on their first firing, and the JVM keeps such a linkage error for good; a compilation shared with the next attempt
 * then failed every evaluation after the restart. So each attempt compiles afresh (a few seconds per failover).
 */
final class SharedCompilations {

    static final int CAPACITY = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SharedCompilations.class);
    private static final Object LOCK = new Object();
    private static final Map<String, CompiledRules> BY_VERSION = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRules> eldest) {
            return size() > CAPACITY;
        }
    };
    private static Owner owner;

    /** Whose compilations are kept: one class loader and one task attempt. */
    private record Owner(ClassLoader loader, int attempt) {
    }

    private SharedCompilations() {
    }

    /**
     * The compilation of a rule set: the one already made for its version with this thread's class loader in the same
     * task attempt, else a new one.
     */
    static CompiledRules of(RuleSet rules, int attempt) {
        Owner caller = new Owner(Thread.currentThread().getContextClassLoader(), attempt);
        synchronized (LOCK) {   // a second subtask waits for the first one's compilation instead of repeating it
            if (!caller.equals(owner)) {
                BY_VERSION.clear();
                owner = caller;
            }
            CompiledRules c = BY_VERSION.get(rules.version());
            if (c == null) {
                long started = System.nanoTime();
                c = CompiledRules.compile(rules);
                BY_VERSION.put(rules.version(), c);
                LOG.info("rule set {} compiled in {} ms", rules.version(), (System.nanoTime() - started) / 1_000_000);
            }
            return c;
        }
    }
}
