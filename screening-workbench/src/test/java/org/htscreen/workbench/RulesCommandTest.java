package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules list / show / validate, with their exit codes. */
class RulesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsEveryRuleAndTheEngineParameters() {
        Cli.Result r = Cli.run("rules", "list");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("HT-CASH-01"), r.out());
        assertTrue(r.out().contains("SEX:0.6 GEN:0.4"), "typology weights");
        assertTrue(r.out().contains("engine.min_families"), "engine parameters with values");
    }

    @Test
    void listKeepsItsColumnsForRulesWithManyTypologyWeights() {
        Cli.Result r = Cli.run("rules", "list");
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("ID ")).findFirst().orElseThrow();
        int role = header.indexOf("ROLE");
        int title = header.indexOf("TITLE");
        List<String> rows = lines.stream().filter(l -> l.startsWith("HT-")).toList();
        Catalogue catalogue = RuleSet.bundled().catalogue();
        int widest = rows.stream().mapToInt(l -> RulesCommand.weights(catalogue.rule(l.split(" +")[0]).orElseThrow())
                .length()).max().orElseThrow();
        assertTrue(widest > 26, "the bundled catalogue has a rule with weights wider than the old column (" + widest + ")");
        for (String row : rows) {
            String roleValue = row.substring(role).split(" ")[0];
            assertTrue(List.of("CONTROLLER", "VICTIM", "EITHER").contains(roleValue),
                    "ROLE not in its column (" + role + "): " + row);
            assertTrue(row.charAt(title - 1) == ' ' && row.charAt(title) != ' ', "TITLE not in its column: " + row);
        }
    }

    @Test
    void listAndShowSuggestTheLauncherCommand() {
        String out = Cli.run("rules", "list").out();
        assertTrue(out.contains("Details of one rule: bin/screening rules show ID"), out);
        assertTrue(out.contains("(bin/screening rules show engine)"), out);
        assertTrue(out.contains("(bin/screening rules show deferred)"), out);
        assertTrue(Cli.run("rules", "show", "XX-1").err().contains("(bin/screening rules list shows every rule)"));
    }

    @Test
    void showGivesSourcesWeightsAndParametersWithCurrentValueAndRange() throws IOException {
        Path params = dir.resolve("p.yaml");
        Files.writeString(params, "version: t1\nparameters:\n  HT-CASH-01:\n    min_deposits: 6\n");
        Cli.Result r = Cli.run("rules", "show", "HT-CASH-01", "--parameters", params.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Sources:"), r.out());
        assertTrue(r.out().contains("FTR16"), "a source");
        assertTrue(r.out().contains("SEX   0.60  sexual exploitation"), r.out());
        assertTrue(r.out().matches("(?s).*min_deposits\\s+= 6\\s+count\\s+\\(default 4\\) allowed \\[2, 100\\].*"), r.out());
        assertEquals(0, Cli.run("rules", "show", "engine").code());
        Cli.Result unknown = Cli.run("rules", "show", "HT-CASH-99");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no rule HT-CASH-99"), unknown.err());
        assertTrue(unknown.err().strip().endsWith("exit 2: input error"), unknown.err());
    }

    private Path copyRules() throws IOException {
        Path src = Cli.ROOT.resolve("rules");
        Path dst = dir.resolve("rules");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                String rel = src.relativize(p).toString();
                if (rel.startsWith("target") || rel.equals("pom.xml")) {
                    continue;
                }
                Path t = dst.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    @Test
    void aValidRuleSetExitsZero() throws IOException {
        Cli.Result r = Cli.run("rules", "validate", copyRules().toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("valid: "), r.out());
    }

    @Test
    void aBrokenDrlExitsOneNamingFileAndLine() throws IOException {
        Path rules = copyRules();
        Path cash = rules.resolve("drl/cash.drl");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(cash));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("rule \"HT-CASH-02\"")) {
                at = i;
                break;
            }
        }
        assertTrue(at > 0, "rule HT-CASH-02 found");
        // a rule with a syntax error right after line 'at': 'when' with an unbalanced pattern
        lines.add(at, "rule \"HT-CASH-BROKEN\"\nwhen\n    $t : ScreenedTransaction( amountEur > \nthen\nend\n");
        Files.write(cash, lines);
        Path params = dir.resolve("bad.yaml");
        Files.writeString(params, "version: bad\nparameters:\n  HT-CASH-01:\n    min_deposits: 1000\n    min_dposits: 3\n");
        Cli.Result r = Cli.run("rules", "validate", rules.toString(), "--parameters", params.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(cash + ":"), "names the DRL file: " + r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(cash.toString()) + ":\\d+: .+")),
                "file:line: message: " + r.err());
        assertTrue(r.err().contains(params + ":4: HT-CASH-01.min_deposits = 1000 is out of range"), r.err());
        assertTrue(r.err().contains(params + ":5: unknown parameter HT-CASH-01.min_dposits"), r.err());
        assertTrue(r.err().contains(cash + ":" + (at + 5) + ": "), "the line of the broken rule's 'end': " + r.err());
        assertTrue(r.err().strip().endsWith("is not valid (3 errors)"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("exit 1: rule set")), r.err());
    }

    /**
     * Expression type errors: the allow-list's types catch a number compared with a string; Drools' MVEL build
     * catches a call with an argument of another type but reports it without the constraint's line (ADR 0023): both
     * are named with the constraint's line, never line -1.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"nightCashTotal >= \"abc\"", "nightCashTotal >= $p.count(3)",
            "$t.channel > 3"})
    void aTypeErrorInAConstraintExitsOneNamingItsLine(String constraint) throws IOException {
        Path rules = copyRules();
        Path cash = rules.resolve("drl/cash.drl");
        String from = "nightCashTotal >= $p.num(\"HT-CASH-02.min_night_total_eur\")";
        String text = Files.readString(cash);
        assertTrue(text.contains(from), from);
        String edited = text.replace(from, constraint);
        Files.writeString(cash, edited);
        int line = (int) edited.substring(0, edited.indexOf(constraint)).chars().filter(c -> c == '\n').count() + 1;
        Cli.Result r = Cli.run("rules", "validate", rules.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(cash + ":" + line + ": "), "line " + line + ": " + r.err());
        assertTrue(r.err().contains(constraint), r.err());
        assertTrue(!r.err().contains(":-1:") && !r.err().contains("line -1"), r.err());
        assertTrue(r.err().strip().endsWith("is not valid (1 error)"), r.err());
    }

    @Test
    void aBrokenCatalogueExitsOneNamingTheLine() throws IOException {
        Path rules = copyRules();
        Path cat = rules.resolve("catalogue.yaml");
        Files.writeString(cat, Files.readString(cat).replaceFirst("family: CASH", "family: CASHY"));
        Cli.Result r = Cli.run("rules", "validate", rules.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(cat + ":"), r.err());
    }

    @Test
    void validateOfAMissingDirectoryIsAnInputError() {
        Cli.Result r = Cli.run("rules", "validate", dir.resolve("nope").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("not a directory"));
    }
}
