package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;

/** Gates derived from the DRL (ADR 0022): what they read, and that they never shut a rule that could fire. */
class RuleGatesTest {

    private static final String HEADER = """
            package org.htscreen.rules.test;
            import org.htscreen.core.features.ScreenedTransaction;
            import org.htscreen.core.features.CashFeatures;
            import org.htscreen.core.features.FlowFeatures;
            import org.htscreen.core.params.Parameters;
            import org.htscreen.core.rules.SignalSink;
            global Parameters $p;
            global SignalSink $out;
            """;

    private static String gate(String lhs) {
        return RuleGates.derive(Map.of("drl/test.drl", HEADER + "rule \"R\"\nwhen\n" + lhs + "\nthen\nend\n"))
                .describe().get("R");
    }

    @Test
    void the_bundled_rules_are_gated_by_what_their_patterns_decide_alone() {
        Map<String, String> g = RuleHarness.rules().gates().describe();
        assertEquals(RuleHarness.catalogue().rules().keySet(), g.keySet(), "every rule has a gate");
        assertEquals("ScreenedTransaction.cashIn && CashFeatures.currentCashIn"
                + " && CashFeatures.depositCount >= $p.count(\"HT-CASH-01.min_deposits\")"
                + " && CashFeatures.depositTerminals >= $p.count(\"HT-CASH-01.min_terminals\")"
                + " && CashFeatures.depositTowns >= $p.count(\"HT-CASH-01.min_towns\")"
                + " && !CashFeatures.takingsInProfile", g.get("HT-CASH-01"));
        // a binding of another pattern ($t.amountEur) is left out, the flag before it is kept
        assertEquals("FlowFeatures.currentVagueCrossBorder", g.get("HT-FLOW-11"));
        assertTrue(g.get("HT-FLOW-03").startsWith("(FlowFeatures.currentEscortText && "), g.get("HT-FLOW-03"));
        assertFalse(g.containsValue("always"), "every bundled rule has a gate: " + g);
    }

    @Test
    void a_part_it_cannot_decide_keeps_a_disjunction_open() {
        assertEquals("always", gate("    CashFeatures(currentCashIn || depositTowns.size() > 1)"));
        assertEquals("CashFeatures.currentCashIn && ?", gate("    CashFeatures(currentCashIn && depositTowns.size() > 1)"));
    }

    @Test
    void negation_is_kept_only_around_what_it_decides() {
        assertEquals("!CashFeatures.currentCashIn", gate("    CashFeatures(!currentCashIn)"));
        // !(a && ?) is false only when a is true and ? too: never for certain
        assertEquals("always", gate("    CashFeatures(!(currentCashIn && depositTowns.size() > 1))"));
        // !(a || ?) is false for certain when a is true
        assertEquals("!(CashFeatures.currentCashIn || ?)", gate("    CashFeatures(!(currentCashIn || depositTowns.size() > 1))"));
    }

    @Test
    void a_pattern_under_not_or_or_does_not_gate() {
        assertEquals("always", gate("    not CashFeatures(currentCashIn)"));
        assertEquals("always", gate("    CashFeatures(currentCashIn) or FlowFeatures(currentAlias)"));
    }

    @Test
    void every_pattern_and_constraint_is_needed() {
        assertEquals("CashFeatures.currentCashIn && FlowFeatures.aliasCount > 1 && FlowFeatures.currentAlias",
                gate("    CashFeatures(currentCashIn)\n    FlowFeatures(aliasCount > 1, currentAlias)"));
    }

    @Test
    void integer_arithmetic_division_strings_calls_and_drl_only_syntax_stay_open() {
        assertEquals("always", gate("    CashFeatures(depositCount * 2 > depositTowns)"));
        assertEquals("always", gate("    CashFeatures(depositCount / 2.0 > 1)"));
        assertEquals("always", gate("    CashFeatures(depositCount > 1 && < 5)"));
        assertEquals("always", gate("    CashFeatures($n : depositCount)"));
        assertEquals("always", gate("    $t : ScreenedTransaction()\n    CashFeatures(depositCount > $t.amountEur)"));
        assertEquals("always", gate("    CashFeatures(currentNonsense)"));
        assertEquals("always", gate("    ScreenedTransaction(country == \"CY\")"));
        assertEquals("CashFeatures.depositCount * 1.5 > $p.num(\"x\")".replace("CashFeatures.depositCount * 1.5",
                "(CashFeatures.depositCount * 1.5)"), gate("    CashFeatures(depositCount * 1.5 > $p.num(\"x\"))"));
    }

    @Test
    void drl_that_does_not_parse_gates_nothing() {
        RuleGates g = RuleGates.derive(Map.of("drl/test.drl", HEADER + "rule \"R\" when CashFeatures(currentCashIn then end"));
        assertFalse(g.active());
    }
}
