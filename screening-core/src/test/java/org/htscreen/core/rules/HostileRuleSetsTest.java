package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule sets are code: an insider's rule set that reads files, starts processes, opens sockets, ends the JVM, loops
 * for ever or runs code while compiling is refused by the allow-list before anything compiles, with the file and
 * line, and none of its code runs (no marker file).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileRuleSetsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(HostileRules.class)
    void a_hostile_rule_set_is_refused_before_it_compiles_and_nothing_runs(HostileRules hostile) {
        Path marker = dir.resolve("marker-" + hostile.name());
        RuleSet rules = RuleSet.fromFiles("hostile", hostile.files(marker));
        RuleSetException e = assertThrows(RuleSetException.class, () -> {
            try (ScreeningEngine engine = ScreeningEngine.builder().rules(rules).build()) {
                engine.screen(Tx.cashDeposit("CY-1", 100).build());
            }
        });
        assertTrue(e.getMessage().contains("drl/geo.drl line "), e.getMessage());
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        assertFalse(Files.exists(marker), "the hostile code ran: " + marker);
    }
}
