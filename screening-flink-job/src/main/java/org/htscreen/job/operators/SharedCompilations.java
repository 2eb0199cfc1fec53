package org.htscreen.job.operators;

import java.util.LinkedHashMap;
import java.util.Map;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;

/**
 * Compiled rule sets shared by the screening subtasks of one JVM (a TaskManager's slots, a restart after a
 * failure, a rule update that every subtask receives): each rule-set version is compiled once, not once per
 * subtask. Compiled rules are safe to share between threads; each subtask still has its own rule session. Keyed by
 * {@link RuleSet#version()}, which hashes the catalogue, DRL and reference texts; the last {@value #CAPACITY}
 * versions are kept. A rule set that does not compile is not kept, so every subtask reports it.
 */
final class SharedCompilations {

    static final int CAPACITY = 4;

    private static final Map<String, CompiledRules> BY_VERSION = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRules> eldest) {
            return size() > CAPACITY;
        }
    };

    private SharedCompilations() {
    }

    /** The compilation of a rule set: the one already made in this JVM for its version, else a new one. */
    static CompiledRules of(RuleSet rules) {
        synchronized (BY_VERSION) {   // a second subtask waits for the first one's compilation instead of repeating it
            CompiledRules c = BY_VERSION.get(rules.version());
            if (c == null) {
                c = CompiledRules.compile(rules);
                BY_VERSION.put(rules.version(), c);
            }
            return c;
        }
    }
}
