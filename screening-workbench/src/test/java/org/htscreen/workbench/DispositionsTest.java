package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysts' dispositions used as labels by backtest (with per-rule precision), sweep and diff. */
class DispositionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String alertId;

    /** The example files raise one alert, on CY-ACC-000001. */
    @BeforeAll
    static void alertOfTheExamples() throws IOException {
        Cli.Result r = backtest(dir.resolve("alerts.jsonl"));
        assertEquals(0, r.code(), r.toString());
        alertId = JSON.readTree(Files.readAllLines(dir.resolve("alerts.jsonl")).get(0)).get("alertId").asText();
    }

    static Cli.Result backtest(Path alerts, String... more) {
        String[] base = {"backtest", "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
            "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(), "-o", alerts.toString(), "--progress", "none"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    @Test
    void a_false_positive_decision_on_the_alert_gives_precision_0_per_rule_and_overall() throws IOException {
        Path d = dir.resolve("fp.csv");
        Files.writeString(d, "alert_id,account_id,decision,reason,analyst,time\n"
                + alertId + ",,FALSE_POSITIVE,\"cash from a family business, documented\",a.nicolaou,2026-11-02T09:00:00Z\n"
                + ",CY-ACC-000002,ESCALATED,salary pattern,a.nicolaou,2026-11-02T09:05:00Z\n");
        Path summary = dir.resolve("fp-summary.json");
        Cli.Result r = backtest(dir.resolve("fp-alerts.jsonl"), "--dispositions", d.toString(), "--summary-json",
                summary.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Dispositions: 2 decisions (0 true positive, 0 reported, 1 false positive, "
                + "1 escalated)"), r.out());
        assertTrue(r.out().matches("(?s).*HT-CASH-01\\s+1\\s+0\\s+1\\s+0\\s+0\\.00.*"), r.out());
        JsonNode s = JSON.readTree(summary.toFile());
        assertEquals(0.0, s.get("precision").asDouble(), "the only alerted account was decided a false positive");
        assertEquals(0.0, s.get("dispositions").get("per_rule").get("HT-CASH-01").get("precision").asDouble());
        assertEquals(1, s.get("dispositions").get("per_rule").get("HT-CASH-01").get("wrong").asInt());
    }

    @Test
    void the_latest_decision_wins_and_json_lines_are_read() throws IOException {
        Path d = dir.resolve("later.jsonl");
        Files.writeString(d, "{\"alert_id\":\"" + alertId + "\",\"decision\":\"FALSE_POSITIVE\",\"analyst\":\"a\","
                + "\"time\":\"2026-11-02T09:00:00Z\"}\n"
                + "{\"alert_id\":\"" + alertId + "\",\"decision\":\"REPORTED\",\"analyst\":\"mlco\","
                + "\"reason\":\"STR filed\",\"time\":\"2026-11-03T16:00:00+02:00\"}\n");
        Path summary = dir.resolve("later-summary.json");
        Cli.Result r = backtest(dir.resolve("later-alerts.jsonl"), "--dispositions", d.toString(), "--summary-json",
                summary.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode s = JSON.readTree(summary.toFile());
        assertEquals(1.0, s.get("precision").asDouble());
        assertEquals(1.0, s.get("dispositions").get("per_rule").get("HT-CASH-01").get("precision").asDouble());
    }

    @Test
    void a_bad_decision_is_a_bad_line_with_file_and_line() throws IOException {
        Path d = dir.resolve("bad.csv");
        Files.writeString(d, "account_id,decision\nCY-ACC-000001,MAYBE\n");
        Cli.Result r = backtest(dir.resolve("bad-alerts.jsonl"), "--dispositions", d.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("bad.csv:2: decision: 'MAYBE' is not one of [TRUE_POSITIVE, FALSE_POSITIVE, "
                + "ESCALATED, REPORTED]"), r.err());
    }

    @Test
    void labels_and_dispositions_together_are_a_usage_error() throws IOException {
        Path d = dir.resolve("both.csv");
        Files.writeString(d, "account_id,decision\nCY-ACC-000001,TRUE_POSITIVE\n");
        Cli.Result r = backtest(dir.resolve("both-alerts.jsonl"), "--dispositions", d.toString(), "-l",
                Cli.EXAMPLES.resolve("labels.csv").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--labels and --dispositions cannot be used together"), r.err());
    }

    @Test
    void diff_takes_dispositions_by_account_and_refuses_a_bare_alert_id() throws IOException {
        Path byAccount = dir.resolve("by-account.csv");
        Files.writeString(byAccount, "account_id,decision\nCY-ACC-000001,TRUE_POSITIVE\n");
        Cli.Result r = Cli.run("diff", "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
                "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(), "--dispositions", byAccount.toString(),
                "--progress", "none");
        assertTrue(r.code() == 0 || r.code() == 1, r.toString());
        assertTrue(r.out().toLowerCase().contains("precision"), r.out());

        Path byAlert = dir.resolve("by-alert.csv");
        Files.writeString(byAlert, "alert_id,decision\n" + alertId + ",TRUE_POSITIVE\n");
        Cli.Result bad = Cli.run("diff", "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
                "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(), "--dispositions", byAlert.toString(),
                "--progress", "none");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("by-alert.csv:2: account_id: needed here"), bad.err());
    }
}
