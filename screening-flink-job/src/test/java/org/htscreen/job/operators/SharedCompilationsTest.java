package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.junit.jupiter.api.Test;

/** One compilation per rule-set version in a JVM; another text is another version; a broken one is never kept. */
class SharedCompilationsTest {

    @Test
    void the_same_rule_set_text_is_compiled_once_and_another_text_again() throws Exception {
        Map<String, String> files = AccountScreeningTest.bundledFiles("catalogue.yaml", "", "");
        CompiledRules first = SharedCompilations.of(RuleSet.fromFiles("subtask 0", files), 0);
        CompiledRules second = SharedCompilations.of(RuleSet.fromFiles("subtask 1", files), 0);
        assertSame(first, second, "two subtasks, one compilation");

        Map<String, String> changed = AccountScreeningTest.bundledFiles("catalogue.yaml",
                "default: 4, unit: count, min: 2, max: 100", "default: 5, unit: count, min: 2, max: 100");
        CompiledRules other = SharedCompilations.of(RuleSet.fromFiles("update", changed), 0);
        assertNotSame(first, other, "a changed catalogue is another version");
        assertTrue(!other.ruleSet().version().equals(first.ruleSet().version()));
    }

    @Test
    void the_next_task_attempt_gets_its_own_compilation() throws Exception {
        RuleSet rules = RuleSet.fromFiles("attempt", AccountScreeningTest.bundledFiles("catalogue.yaml", "", ""));
        CompiledRules first = SharedCompilations.of(rules, 0);
        assertSame(first, SharedCompilations.of(rules, 0), "subtasks of one attempt share");
        assertNotSame(first, SharedCompilations.of(rules, 1),
                "after a failover the cancelled attempt's compilation (perhaps left with a linkage error) is not reused");
    }

    @Test
    void another_class_loader_gets_its_own_compilation() throws Exception {
        RuleSet rules = RuleSet.fromFiles("job 1", AccountScreeningTest.bundledFiles("catalogue.yaml", "", ""));
        CompiledRules first = SharedCompilations.of(rules, 0);
        Thread current = Thread.currentThread();
        ClassLoader own = current.getContextClassLoader();
        try (java.net.URLClassLoader nextJob = new java.net.URLClassLoader(new java.net.URL[0], own)) {
            current.setContextClassLoader(nextJob);   // the next job in this JVM: Flink closes the first one's loader
            assertNotSame(first, SharedCompilations.of(rules, 0));
        } finally {
            current.setContextClassLoader(own);
        }
    }

    @Test
    void a_rule_set_that_does_not_compile_fails_every_time() throws Exception {
        Map<String, String> broken = AccountScreeningTest.bundledFiles("drl/cash.drl", "depositTowns >=", "depositTownz >=");
        RuleSetException e = assertThrows(RuleSetException.class, () -> SharedCompilations.of(RuleSet.fromFiles("a", broken), 0));
        assertTrue(e.getMessage().contains("cash.drl"), e.getMessage());
        assertThrows(RuleSetException.class, () -> SharedCompilations.of(RuleSet.fromFiles("b", broken), 0),
                "not kept: the next subtask reports it too");
    }
}
