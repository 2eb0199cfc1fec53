package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.htscreen.avro.Signal;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/**
 * A side that enters Drools puts in only the facts that a rule whose gate is open can match (ADR 0029): the facts of
 * a family no open rule reads are taken out, and a fact type that a rule reads under {@code not} is always put in.
 * These rule sets would give other answers if a family's features of an earlier transaction stayed in the session,
 * or if a fact under {@code not} were left out.
 */
class FactSelectionTest {

    private static final String HEADER = """
            package org.htscreen.rules.%s;
            import org.htscreen.core.features.ScreenedTransaction;
            import org.htscreen.core.features.CashFeatures;
            import org.htscreen.core.params.Parameters;
            import org.htscreen.core.rules.SignalSink;
            global Parameters $p;
            global SignalSink $out;
            """;

    private static String rule(String id, String lhs) {
        return "rule \"" + id + "\"\nwhen\n" + lhs + "\nthen\n    $out.signal(\"" + id + "\", $t).reason(\"" + id
                + " matched\").emit();\nend\n";
    }

    /** LAB-01 matches every debit (so a card payment enters Drools); LAB-03 and LAB-04 never match. */
    private static String labOnEveryDebit() {
        return HEADER.formatted("lab")
                + rule("HT-LAB-01", "    $t : ScreenedTransaction(debit)")
                + rule("HT-LAB-03", "    $t : ScreenedTransaction(debit, amountEur < 0)")
                + rule("HT-LAB-04", "    $t : ScreenedTransaction(debit, amountEur < 0)");
    }

    private static ScreeningEngine engine(String geoLhs) {
        Map<String, String> files = HostileRules.bundledFiles();
        files.put("drl/geo.drl", HEADER.formatted("geo") + rule("HT-GEO-01", geoLhs));
        files.put("drl/lab.drl", labOnEveryDebit());
        return ScreeningEngine.builder().compiledRules(CompiledRules.compile(RuleSet.fromFiles("facts", files))).build();
    }

    private static List<String> rulesFired(ScreeningEngine engine, Tx tx) {
        return engine.screen(tx.build()).outcomes().stream()
                .flatMap(o -> o.signals().stream()).map(Signal::getRuleId).sorted().toList();
    }

    @Test
    void the_features_of_an_earlier_transaction_do_not_stay_for_a_rule_whose_gate_is_shut() {
        try (ScreeningEngine engine = engine("    $t : ScreenedTransaction()\n    $f : CashFeatures(currentCashIn)")) {
            assertTrue(rulesFired(engine, Tx.cashDeposit("CY-1", 100).id("cash-1")).contains("HT-GEO-01"),
                    "a cash deposit matches HT-GEO-01");
            // a card payment opens HT-LAB-01 only; HT-GEO-01's gate is shut (not a cash deposit): the deposit's
            // CashFeatures must not meet this transaction in the session
            List<String> fired = rulesFired(engine, Tx.card("CY-1", 30, "5411", "Grocer").id("card-1").day(0, 1));
            assertEquals(List.of("HT-LAB-01"), fired);
            assertTrue(rulesFired(engine, Tx.cashDeposit("CY-1", 100).id("cash-2").day(0, 2)).contains("HT-GEO-01"),
                    "the next cash deposit puts the family's features in again");
        }
    }

    @Test
    void a_fact_type_read_under_not_is_always_in_the_session() {
        // never fires: every debit's CashFeatures has currentDebit; without them in the session it would fire
        try (ScreeningEngine engine = engine("    $t : ScreenedTransaction(debit)\n    not CashFeatures(currentDebit)")) {
            assertEquals(List.of("HT-LAB-01"), rulesFired(engine, Tx.card("CY-1", 30, "5411", "Grocer").id("card-1")));
            assertEquals(List.of("HT-LAB-01"), rulesFired(engine, Tx.atmWithdrawal("CY-1", 50).id("atm-1").day(0, 1)));
        }
    }
}
