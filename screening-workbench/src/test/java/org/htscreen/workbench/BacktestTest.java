package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.ScreeningEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest on a tiny input counted by hand (see {@link TestData}), its summary, ordering and errors. */
class BacktestTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Cli.Result run;
    static JsonNode summary;
    static List<JsonNode> alerts;

    @BeforeAll
    static void backtest() throws IOException {
        TestData.write(dir, TestData.transactions());
        run = Cli.run("backtest", "-t", dir.resolve("transactions.jsonl").toString(),
                "-p", dir.resolve("profiles.jsonl").toString(), "-l", dir.resolve("labels.csv").toString(),
                "-o", dir.resolve("alerts.jsonl").toString(), "--summary-json", dir.resolve("summary.json").toString(),
                "--summary", dir.resolve("summary.txt").toString(), "--progress", "none");
        summary = JSON.readTree(dir.resolve("summary.json").toFile());
        alerts = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("alerts.jsonl"))) {
            alerts.add(JSON.readTree(l));
        }
    }

    @Test
    void alertsFallOnTheTwoDepositAccounts() {
        assertEquals(0, run.code(), run.toString());
        Set<String> accounts = new TreeSet<>();
        alerts.forEach(a -> accounts.add(a.get("accountId").asText()));
        assertEquals(Set.of("CY-ACC-X", "CY-ACC-Y"), accounts, run.out());
        alerts.forEach(a -> assertEquals("SEXUAL_EXPLOITATION", a.get("typology").asText()));
    }

    @Test
    void summaryJsonHasExactlyTheDocumentedTopLevelKeys() {
        List<String> keys = new ArrayList<>();
        summary.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("accounts", "alerted_accounts", "alert_rate", "precision", "recall", "per_typology",
                "per_rule", "rule_hits"), keys);
        List<String> entry = new ArrayList<>();
        summary.get("per_rule").get("HT-CASH-01").fieldNames().forEachRemaining(entry::add);
        assertEquals(List.of("alerts", "alerted_accounts", "alert_rate", "precision", "recall"), entry);
        assertEquals(6, summary.get("per_typology").size(), "every typology");
    }

    @Test
    void precisionAndRecallMatchTheHandCount() {
        // 3 accounts; X and Y alerted; X positive (SEX), Y negative, Z positive (LAB) and missed
        assertEquals(3, summary.get("accounts").asInt());
        assertEquals(2, summary.get("alerted_accounts").asInt());
        assertEquals(0.666667, summary.get("alert_rate").asDouble(), 1e-9);
        assertEquals(0.5, summary.get("precision").asDouble(), 1e-9);
        assertEquals(0.5, summary.get("recall").asDouble(), 1e-9);
        JsonNode sex = summary.get("per_typology").get("SEXUAL_EXPLOITATION");
        assertEquals(2, sex.get("alerted_accounts").asInt());
        assertEquals(0.5, sex.get("precision").asDouble(), 1e-9, "Y is a false positive");
        assertEquals(1.0, sex.get("recall").asDouble(), 1e-9, "X is the only SEX positive");
        JsonNode lab = summary.get("per_typology").get("LABOUR_EXPLOITATION");
        assertEquals(0, lab.get("alerts").asInt());
        assertTrue(lab.get("precision").isNull(), "no alerts: no precision");
        assertEquals(0.0, lab.get("recall").asDouble(), 1e-9, "Z is a LAB positive, missed");
        JsonNode cash = summary.get("per_rule").get("HT-CASH-01");
        assertEquals(2, cash.get("alerted_accounts").asInt());
        assertEquals(0.5, cash.get("precision").asDouble(), 1e-9);
        assertEquals(0.5, cash.get("recall").asDouble(), 1e-9);
        JsonNode silent = summary.get("per_rule").get("HT-SHAM-01");
        assertEquals(0, silent.get("alerts").asInt());
        assertTrue(silent.get("precision").isNull());
    }

    @Test
    void textSummaryIsPrintedAndWritten() throws IOException {
        assertTrue(run.out().contains("precision 0.500 (1 of 2 alerted accounts are positive), recall 0.500"), run.out());
        assertEquals(run.out(), Files.readString(dir.resolve("summary.txt")));
    }

    /** The backtest is the embedded engine: profiles first, transactions in event-time order, then flush. */
    @Test
    void alertsAreThoseOfTheEngineItself() {
        List<String> direct = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().lateness(java.time.Duration.ofMinutes(5)).build()) {
            for (PartyProfile p : TestData.profiles()) {
                engine.upsertProfile(p);
            }
            for (Transaction t : TestData.transactions()) {
                engine.screen(t).alerts().forEach(a -> direct.add(a.getAlertId()));
            }
            engine.flush().alerts().forEach(a -> direct.add(a.getAlertId()));
        }
        assertEquals(direct, alerts.stream().map(a -> a.get("alertId").asText()).toList());
    }

    private List<String> alertIds(Path txFile, String... extra) throws IOException {
        Path out = dir.resolve("a-" + txFile.getFileName() + extra.length + ".jsonl");
        List<String> args = new ArrayList<>(List.of("backtest", "-t", txFile.toString(),
                "-p", dir.resolve("profiles.jsonl").toString(), "-o", out.toString(), "--progress", "none"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(out)) {
            ids.add(JSON.readTree(l).get("alertId").asText());
        }
        Collections.sort(ids);
        return ids;
    }

    @Test
    void outOfOrderInputGivesTheSameAlertsWithinTheLatenessOrSorted() throws IOException {
        List<String> expected = alerts.stream().map(a -> a.get("alertId").asText()).sorted().toList();
        // swap each X deposit with the Y deposit 7 minutes after it: out of order by 7 minutes
        List<Transaction> txs = new ArrayList<>(TestData.transactions());
        for (int i = 0; i + 1 < txs.size(); i++) {
            if (txs.get(i).getTxId().startsWith("x-") && txs.get(i + 1).getTxId().startsWith("y-")) {
                Collections.swap(txs, i, i + 1);
                i++;
            }
        }
        Path late = dir.resolve("late");
        Files.createDirectories(late);
        TestData.write(late, txs);
        assertEquals(expected, alertIds(late.resolve("transactions.jsonl"), "--lateness", "10m"));
        Collections.reverse(txs);
        Path reversed = dir.resolve("reversed");
        Files.createDirectories(reversed);
        TestData.write(reversed, txs);
        assertEquals(expected, alertIds(reversed.resolve("transactions.jsonl"), "--sort"));
    }

    @Test
    void badLinesStopTheRunOrAreSkippedListedAndCounted() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("transactions.jsonl")));
        lines.add(3, lines.get(3).replace("\"currency\":\"EUR\"", "\"currency\":\"XXX\""));   // line 4: refused by the engine
        lines.add(5, "{\"txId\": 5}");                                                        // line 6: bad
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, lines);
        String[] base = {"backtest", "-t", bad.toString(), "-o", dir.resolve("bad-alerts.jsonl").toString(),
            "--progress", "none"};
        Cli.Result stop = Cli.run(base);
        assertEquals(2, stop.code(), stop.toString());
        assertTrue(stop.err().contains(bad + ":"), stop.err());
        assertTrue(stop.err().strip().endsWith("exit 2: input error"), stop.err());

        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--max-errors", "5"));
        Cli.Result skip = Cli.run(args.toArray(String[]::new));
        assertEquals(1, skip.code(), skip.toString());
        assertTrue(skip.out().contains("Skipped 2 bad lines (--max-errors 5):"), skip.out());
        assertTrue(skip.out().contains(bad + ":4: currency: unknown currency"), skip.out());
        assertTrue(skip.out().contains("unknown currency 'XXX'"), skip.out());
        assertTrue(skip.out().contains(bad + ":6: txId:") || skip.out().contains(bad + ":6: eventTime:"), skip.out());
        assertTrue(skip.err().strip().endsWith("exit 1: done, but 2 bad input lines were skipped (listed above)"),
                skip.err());
        assertNull(null);
    }
}
