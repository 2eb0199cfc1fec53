package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.RuleCopies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backtest} with a shadow rule: a copy of HT-CASH-01 as HT-CASH-98 in {@code mode: shadow}, on the files of
 * {@link TestData} (night deposits into X, positive, and Y, negative). The alerts are those of the bundled rules; the
 * shadow rule's hits and the precision it would have are reported beside the live rules, and its signals written.
 */
class ShadowBacktestTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path rules;

    @BeforeAll
    static void files() throws IOException {
        TestData.write(dir, TestData.transactions());
        rules = HostileRules.write(dir.resolve("rules"), RuleCopies.withCopy("HT-CASH-01", "HT-CASH-98", "shadow"));
    }

    private static Cli.Result backtest(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", "-t", dir.resolve("transactions.jsonl").toString(),
                "-p", dir.resolve("profiles.jsonl").toString(), "-o", dir.resolve(name + ".jsonl").toString(),
                "--summary-json", dir.resolve(name + ".json").toString(), "--progress", "none"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(file))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** Each alert without the two fields that name the rule set. */
    private static List<String> comparable(List<JsonNode> alerts) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : alerts) {
            com.fasterxml.jackson.databind.node.ObjectNode o = a.deepCopy();
            o.remove("alertId");
            o.remove("ruleSetVersion");
            out.add(o.toString());
        }
        return out;
    }

    @Test
    void shadowHitsAreReportedBesideTheLiveRulesAndTheAlertsStayTheSame() throws IOException {
        Cli.Result live = backtest("live", "-l", dir.resolve("labels.csv").toString());
        Cli.Result shadow = backtest("shadow", "-l", dir.resolve("labels.csv").toString(), "--rules", rules.toString(),
                "--shadow-out", dir.resolve("shadow-signals.jsonl").toString());
        assertEquals(0, shadow.code(), shadow.toString());
        assertFalse(lines("live.jsonl").isEmpty());
        assertEquals(comparable(lines("live.jsonl")), comparable(lines("shadow.jsonl")));

        List<JsonNode> signals = lines("shadow-signals.jsonl");
        Set<String> accounts = new TreeSet<>();
        for (JsonNode s : signals) {
            assertEquals("HT-CASH-98", s.get("signal").get("ruleId").asText());
            accounts.add(s.get("accountId").asText());
            assertTrue(s.get("signal").get("evidenceTxIds").toString().contains(s.get("txId").asText()));
        }
        assertEquals(Set.of("CY-ACC-X", "CY-ACC-Y"), accounts);

        JsonNode hits = JSON.readTree(dir.resolve("shadow.json").toFile()).get("rule_hits");
        JsonNode copy = hits.get("HT-CASH-98");
        assertEquals("shadow", copy.get("mode").asText());
        assertEquals(signals.size(), copy.get("signals").asInt());
        assertEquals(2, copy.get("accounts").asInt());
        assertEquals(1, copy.get("positive").asInt(), "X is positive, Y is not");
        assertEquals(0.5, copy.get("precision").asDouble(), 1e-9);
        assertEquals("live", hits.get("HT-CASH-01").get("mode").asText());
        assertEquals(copy.get("signals"), hits.get("HT-CASH-01").get("signals"), "the copy fires as its original does");
        assertTrue(shadow.out().matches("(?s).*HT-CASH-98 +shadow +\\d+ +2 +2 +1 +0\\.500.*"), shadow.out());
        assertTrue(shadow.out().contains("Shadow signals (" + signals.size() + ") written to"), shadow.out());
        assertFalse(live.out().contains("HT-CASH-98"));
    }

    @Test
    void withDispositionsTheShadowRuleIsJudgedOnTheDecidedAccountsOnly() throws IOException {
        Path decisions = dir.resolve("decisions.csv");
        Files.writeString(decisions, "alert_id,account_id,decision,reason,analyst,time\n"
                + ",CY-ACC-X,REPORTED,night cash for a third party,a.nicolaou,2026-11-02T09:00:00Z\n");
        Cli.Result r = backtest("decided", "--dispositions", decisions.toString(), "--rules", rules.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode copy = JSON.readTree(dir.resolve("decided.json").toFile()).get("rule_hits").get("HT-CASH-98");
        assertEquals(2, copy.get("accounts").asInt());
        assertEquals(1, copy.get("decided").asInt(), "Y is not decided");
        assertEquals(1.0, copy.get("precision").asDouble(), 1e-9);
    }

    @Test
    void rulesListAndShowNameTheMode() {
        Cli.Result list = Cli.run("rules", "list", "--rules", rules.toString());
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().matches("(?s).*\nHT-CASH-98 +CASH +yes +shadow .*"), list.out());
        assertTrue(list.out().matches("(?s).*\nHT-CASH-01 +CASH +yes +live .*"), list.out());
        assertTrue(list.out().contains("1 shadow rules [HT-CASH-98]: evaluated and recorded"), list.out());
        Cli.Result show = Cli.run("rules", "show", "HT-CASH-98", "--rules", rules.toString());
        assertTrue(show.out().contains("Mode:        shadow (evaluated and recorded, never counted"), show.out());
    }
}
