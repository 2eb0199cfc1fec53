package org.htscreen.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expression errors in DRL name the file and the line of the offending constraint or statement, whichever check finds
 * them: the allow-list's types, or Drools' MVEL build, which reports some of them with line -1 or the pattern's line
 * (ADR 0023). Each case edits the bundled cash.drl through the real loading path ({@link RuleSet#fromDirectory},
 * {@link CompiledRules#compile}).
 */
class RuleErrorLinesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a double plus a boolean                  | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") + true
            a double compared with a string          | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= "abc"
            a double equal to a string               | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal == "abc"
            a double compared with a boolean         | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= true
            a double times a string                  | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") * "x"
            the negation of a number                 | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | !nightCashCount
            an enum compared with a number           | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | $t.channel > 3
            a call with an argument of another type  | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= $p.count(3)
            a fact's method with a wrong argument    | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | $t.inMccGroup(3)
            an unknown property                      | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotall >= 1
            an unknown property of a bound fact      | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= $t.amountEurr
            an unknown method                        | nightCashTotal >= $p.num("HT-CASH-02.min_night_total_eur") | nightCashTotal >= $p.nums("x")
            a type error on a pattern's third line   | depositTowns >= $p.count("HT-CASH-01.min_towns")           | depositTowns >= $p.count("HT-CASH-01.min_towns") + true
            a type error in a consequence            | .observed("night_cash", $f.getNightCashCount())            | .observed("night_cash", $f.getNightCashCount() + true)
            """)
    void an_expression_error_names_the_file_and_the_line(String kind, String from, String to) throws IOException {
        int line = RuleSetLoadingTest.editCash(dir, from, to, to.strip());
        RuleSetException e = assertThrows(RuleSetException.class, () -> CompiledRules.compile(RuleSet.fromDirectory(dir)));
        assertTrue(e.getMessage().contains("drl/cash.drl line " + line + ": "), kind + ": line " + line + ":\n" + e.getMessage());
        assertFalse(e.getMessage().contains("line -"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a string plus a number, compared     | $t : ScreenedTransaction() | $t : ScreenedTransaction(("h" + localHour).length() > 0)
            an enum against null, numbers mixed  | $t : ScreenedTransaction() | $t : ScreenedTransaction(channel != null, amountEur * 2 >= localHour)
            """)
    void what_the_rules_may_write_still_compiles(String kind, String from, String to) throws IOException {
        RuleSetLoadingTest.editCash(dir, "rule \"HT-CASH-02\"\nwhen\n    " + from, "rule \"HT-CASH-02\"\nwhen\n    " + to, to);
        CompiledRules.compile(RuleSet.fromDirectory(dir));
    }
}
