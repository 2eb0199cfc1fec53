package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.htscreen.core.rules.allowlist.DrlAllowList;
import org.htscreen.core.rules.allowlist.Violation;
import org.junit.jupiter.api.Test;

/** What the allow-list refuses, and that it names the file and the line. */
class DrlAllowListTest {

    private static final String HEADER = """
            package org.htscreen.rules.test;
            import org.htscreen.core.features.ScreenedTransaction;
            import org.htscreen.core.features.CashFeatures;
            import org.htscreen.core.params.Parameters;
            import org.htscreen.core.rules.SignalSink;
            global Parameters $p;
            global SignalSink $out;
            """;   // 7 lines

    private static List<Violation> check(String rule) {
        return DrlAllowList.check("drl/test.drl", HEADER + rule);
    }

    private static void refused(String rule, int line, String fragment) {
        List<Violation> v = check(rule);
        assertTrue(v.stream().anyMatch(x -> x.line() == line && x.message().contains(fragment)),
                "expected line " + line + " '" + fragment + "' in " + v);
    }

    @Test
    void a_rule_within_the_contract_passes() {
        assertEquals(List.of(), check("""
                rule "HT-CASH-01"
                salience 10
                when
                    $t : ScreenedTransaction(cashIn, entry.getWhiteLabel() || amountEur > 10)
                    $f : CashFeatures($n : depositCount, depositCount >= $p.count("HT-CASH-01.min_deposits"))
                then
                    java.util.List<String> ev = new java.util.ArrayList<>($f.getDepositEvidence());
                    String what = $n > 3 ? "many" : "few";
                    if (ev.isEmpty()) { what = what + " (none listed)"; }
                    $out.signal("HT-CASH-01", $t)
                        .reason(String.format("%d deposits, %s", $f.getDepositCount(), what) + SignalSink.format($p.num("x")))
                        .observed("deposits", (Object) $f.getDepositCount())
                        .evidence(ev)
                        .emit();
                end
                """));
    }

    @Test
    void consequence_violations_name_their_own_line() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    String a = "x";
                    System.exit(0);
                end
                """, 13, "System.exit");
    }

    @Test
    void constraint_calls_outside_the_facts_are_refused_on_their_line() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                    $f : CashFeatures(depositCount > 1,
                                      System.getenv("HOME") != null)
                then
                end
                """, 12, "System.getenv");
    }

    @Test
    void reflection_through_a_getter_is_refused() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    String n = $t.getClass().getName();
                end
                """, 12, "getClass");
    }

    @Test
    void engine_handles_in_consequences_are_refused() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    drools.halt();
                end
                """, 12, "drools.halt");
    }

    @Test
    void loops_lambdas_and_dynamic_salience_are_refused() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    for (int i = 0; i < 3; i++) { }
                end
                """, 12, "for statement");
        refused("""
                rule "R"
                salience ($p.count("x"))
                when
                    $t : ScreenedTransaction()
                then
                end
                """, 9, "salience");
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    java.util.List<String> l = java.util.List.of();
                    l.forEach(x -> { });
                end
                """, 13, "forEach");
    }

    @Test
    void unbounded_format_widths_and_collection_capacities_are_refused() {
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    String s = String.format("%999999999d", 1);
                end
                """, 12, "format width");
        refused("""
                rule "R"
                when
                    $t : ScreenedTransaction()
                then
                    java.util.List<String> l = new java.util.ArrayList<>(2000000000);
                end
                """, 12, "capacity");
    }

    @Test
    void imports_functions_declares_globals_and_queries_are_refused() {
        List<Violation> v = DrlAllowList.check("drl/test.drl", """
                package org.htscreen.rules.test;
                import java.io.File;
                import org.htscreen.core.features.FeatureContext;
                global java.util.List leak;
                function int f() { return 1; }
                declare Thing
                    name : String
                end
                query "q"
                end
                """);
        assertTrue(v.stream().anyMatch(x -> x.line() == 2 && x.message().contains("import java.io.File")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.line() == 3 && x.message().contains("FeatureContext")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.message().contains("global java.util.List leak")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.message().contains("function f")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.message().contains("declare Thing")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.message().contains("query")), v.toString());
    }
}
