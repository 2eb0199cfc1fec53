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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest --exemptions}, {@code sweep --exemptions} and {@code exemptions validate} on the documented example files. */
class ExemptionsCliTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TX = Cli.EXAMPLES.resolve("transactions.csv").toString();
    static final String PROFILES = Cli.EXAMPLES.resolve("profiles.csv").toString();
    static final String EXEMPTIONS = Cli.EXAMPLES.resolve("exemptions.yaml").toString();

    @TempDir
    static Path dir;
    static List<JsonNode> baseline;

    @BeforeAll
    static void baseline() throws IOException {
        Cli.Result r = backtest("base", null);
        assertEquals(0, r.code(), r.toString());
        baseline = lines(dir.resolve("base-alerts.jsonl"));
        assertTrue(baseline.stream().anyMatch(a -> a.get("accountId").asText().equals("CY-ACC-000001")),
                "the example alerts on CY-ACC-000001 without exemptions");
    }

    static Cli.Result backtest(String name, String exemptions, String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", "-t", TX, "-p", PROFILES, "--progress", "none",
                "-o", dir.resolve(name + "-alerts.jsonl").toString(),
                "--summary-json", dir.resolve(name + "-summary.json").toString()));
        if (exemptions != null) {
            args.addAll(List.of("--exemptions", exemptions, "--suppressed", dir.resolve(name + "-suppressed.jsonl").toString()));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    static List<String> ids(List<JsonNode> alerts, String account) {
        return alerts.stream().filter(a -> a.get("accountId").asText().equals(account))
                .map(a -> a.get("alertId").asText()).toList();
    }

    @Test
    void suppressed_alerts_are_reported_separately_by_exemption_never_dropped() throws IOException {
        for (String threads : List.of("1", "2")) {
            Cli.Result r = backtest("ex" + threads, EXEMPTIONS, "--threads", threads);
            assertEquals(0, r.code(), r.toString());
            List<JsonNode> alerts = lines(dir.resolve("ex" + threads + "-alerts.jsonl"));
            assertEquals(List.of(), ids(alerts, "CY-ACC-000001"), "the account-wide exemption keeps its alerts back");
            List<JsonNode> suppressed = lines(dir.resolve("ex" + threads + "-suppressed.jsonl"));
            List<JsonNode> hidden = suppressed.stream().map(s -> s.get("alert")).toList();
            assertEquals(ids(baseline, "CY-ACC-000001"), ids(hidden, "CY-ACC-000001"),
                    "every alert it kept back is in the suppressed file, as it would have been raised");
            for (JsonNode s : suppressed) {
                assertEquals("EX-2026-016", s.get("exemptionIds").get(0).asText());
                assertTrue(s.get("raisedAlertId").isNull());
                assertEquals("exemptions-2026-11-a", s.get("exemptionSetVersion").asText());
                assertFalse(s.get("alert").get("evidence").isEmpty());
            }
            int n = suppressed.size();
            assertTrue(r.out().contains("Suppressed alerts: " + n + " (" + n + " not raised, 0 raised without"), r.out());
            assertTrue(r.out().matches("(?s).*EX-2026-016\\s+" + n + "\\s+account CY-ACC-000001, all alerts.*"), r.out());
            assertTrue(r.out().matches("(?s).*EX-2026-014\\s+0\\s+account CY-ACC-000002, rule HT-CASH-01.*"), r.out());
            JsonNode summary = JSON.readTree(dir.resolve("ex" + threads + "-summary.json").toFile());
            assertEquals(n, summary.get("suppressed").get("by_exemption").get("EX-2026-016").asInt());
            assertEquals(n, summary.get("suppressed").get("total").asInt());
            assertEquals(n, summary.get("suppressed").get("not_raised").asInt());
            assertEquals("exemptions-2026-11-a", summary.get("suppressed").get("exemption_set_version").asText());
            assertEquals(0, summary.get("suppressed").get("expired").size());
        }
    }

    @Test
    void an_exemption_that_expires_at_the_alerting_transaction_no_longer_applies_and_the_summary_says_so()
            throws IOException {
        String first = baseline.stream().filter(a -> a.get("accountId").asText().equals("CY-ACC-000001"))
                .map(a -> a.get("eventTime").asText()).findFirst().orElseThrow();
        Path file = dir.resolve("expiring.yaml");
        Files.writeString(file, """
                version: expiring-1
                exemptions:
                  - id: EX-9
                    account: CY-ACC-000001
                    reason: test
                    approver: a.auditor
                    approved_at: 2026-03-01T00:00:00Z
                    expires_at: %s
                """.formatted(first));
        Cli.Result r = backtest("exp", file.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(ids(baseline, "CY-ACC-000001"), ids(lines(dir.resolve("exp-alerts.jsonl")), "CY-ACC-000001"));
        assertTrue(r.out().contains("Audit: exemption EX-9 (account CY-ACC-000001) expired at " + first), r.out());
        assertTrue(r.out().contains("Suppressed alerts: 0 "), r.out());
    }

    @Test
    void validate_accepts_the_example_and_refuses_a_bad_file_with_its_line() throws IOException {
        Cli.Result ok = Cli.run("exemptions", "validate", EXEMPTIONS);
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().startsWith("valid: " + EXEMPTIONS + ": version exemptions-2026-11-a, 3 exemptions"), ok.out());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(EXEMPTIONS)).replace("    rule: HT-CASH-01", "    rule: HT-CASH-77"));
        Cli.Result no = Cli.run("exemptions", "validate", bad.toString());
        assertEquals(2, no.code(), no.toString());
        assertEquals("exit 2: " + bad + ":9: exemption EX-2026-014: unknown rule id 'HT-CASH-77'", no.err().strip());
        Cli.Result missing = Cli.run("exemptions", "validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("exit 2: "), missing.err());
    }

    /** {@code exemptions validate} tells before signing whether the job would need one signature more (ADR 0017). */
    @Test
    void validate_names_the_change_and_whether_the_job_would_need_one_signature_more() throws IOException {
        Cli.Result first = Cli.run("exemptions", "validate", EXEMPTIONS, "--max-exempted-accounts", "2");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("against none: added EX-2026-014, EX-2026-015, EX-2026-016; removed none; "
                + "changed none; 3 accounts exempted anew (1 from every alert)"), first.out());
        assertTrue(first.out().contains("could blind screening: it exempts 3 accounts at once (1 of them from every alert;"
                + " more than 2): the job takes it only with one signature more than --required-signatures"), first.out());
        Cli.Result within = Cli.run("exemptions", "validate", EXEMPTIONS);
        assertFalse(within.out().contains("could blind screening"), "3 accounts are within the default 50: " + within.out());
        Path next = dir.resolve("next.yaml");
        Files.writeString(next, Files.readString(Path.of(EXEMPTIONS)).replace("exemptions-2026-11-a", "exemptions-2026-11-b")
                .replace("account: CY-ACC-000003", "account: CY-ACC-000009"));
        Cli.Result change = Cli.run("exemptions", "validate", next.toString(), "--in-force", EXEMPTIONS,
                "--max-exempted-accounts", "2");
        assertEquals(0, change.code(), change.toString());
        assertTrue(change.out().contains("against exemptions-2026-11-a: added none; removed none; changed EX-2026-015; "
                + "1 accounts exempted anew (0 from every alert)"), change.out());
        assertFalse(change.out().contains("could blind screening"), change.out());
    }

    @Test
    void a_backtest_with_a_bad_exemptions_file_stops_before_screening() throws IOException {
        Path bad = dir.resolve("dup.yaml");
        String text = Files.readString(Path.of(EXEMPTIONS));
        Files.writeString(bad, text.replace("EX-2026-015", "EX-2026-014"));
        Cli.Result r = backtest("bad", bad.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(bad + ":14: duplicate id 'EX-2026-014' (first at line 7)"), r.err());
        assertTrue(r.err().strip().endsWith("exit 2: input error"), r.err());
    }

    /**
     * {@code sweep --exemptions}: each setting's alerts are the ones the job would raise with the exemptions in
     * force, the same as {@code backtest --exemptions} at the setting in force, and the suppressed ones are counted
     * per setting.
     */
    @Test
    void sweep_with_exemptions_counts_as_the_backtest_does_and_reports_the_suppressed_alerts() throws IOException {
        Cli.Result bt = backtest("sweepref", EXEMPTIONS);
        assertEquals(0, bt.code(), bt.toString());
        int raised = lines(dir.resolve("sweepref-alerts.jsonl")).size();
        int suppressed = lines(dir.resolve("sweepref-suppressed.jsonl")).size();
        assertTrue(suppressed > 0, "the example suppresses alerts");
        Path out = dir.resolve("sweep-ex");
        Cli.Result r = Cli.run("sweep", "-t", TX, "-p", PROFILES, "--progress", "none", "--exemptions", EXEMPTIONS,
                "--vary", "HT-CASH-01.min_deposits=4,100", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertTrue(csv.get(0).endsWith(",below_the_line,suppressed"), csv.get(0));
        String[] current = csv.get(1).split(",", -1);
        assertEquals("yes", current[10], "min_deposits 4 is the setting in force: " + csv.get(1));
        assertEquals(Integer.toString(raised), current[2], "alerts as backtest --exemptions raises them");
        assertEquals(Integer.toString(suppressed), current[current.length - 1], "suppressed as backtest --exemptions counts them");
        JsonNode json = JSON.readTree(out.resolve("sweep.json").toFile());
        assertEquals("exemptions-2026-11-a", json.get("exemptions").asText());
        assertEquals(suppressed, json.get("rows").get(0).get("suppressed").get("total").asInt());
        assertEquals(suppressed, json.get("rows").get(0).get("suppressed").get("by_exemption").get("EX-2026-016").asInt());
        assertTrue(r.out().contains("Exemptions exemptions-2026-11-a (" + EXEMPTIONS + ") in force: alerts they cover "
                + "are not counted; suppressed per setting: 1: " + suppressed + ", 2: "), r.out());

        Cli.Result plain = Cli.run("sweep", "-t", TX, "-p", PROFILES, "--progress", "none",
                "--vary", "HT-CASH-01.min_deposits=4,100", "--out", dir.resolve("sweep-plain").toString());
        List<String> plainCsv = Files.readAllLines(dir.resolve("sweep-plain").resolve("sweep.csv"));
        assertTrue(plainCsv.get(0).endsWith(",below_the_line"), "no column without exemptions: " + plainCsv.get(0));
        assertEquals(Integer.toString(baseline.size()), plainCsv.get(1).split(",", -1)[2]);
    }

    @Test
    void a_sweep_with_a_bad_exemptions_file_stops_before_screening() throws IOException {
        Path bad = dir.resolve("sweep-bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(EXEMPTIONS)).replace("EX-2026-015", "EX-2026-014"));
        Cli.Result r = Cli.run("sweep", "-t", TX, "-p", PROFILES, "--progress", "none", "--exemptions", bad.toString(),
                "--vary", "HT-CASH-01.min_deposits=4,5", "--out", dir.resolve("sweep-bad").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(bad + ":14: duplicate id 'EX-2026-014' (first at line 7)"), r.err());
        assertFalse(Files.exists(dir.resolve("sweep-bad").resolve("sweep.csv")));
    }

    @Test
    void diff_with_exemptions_in_b_shows_what_they_would_hide() throws IOException {
        int n = ids(baseline, "CY-ACC-000001").size();
        Path json = dir.resolve("diff.json");
        Cli.Result r = Cli.run("diff", "-t", TX, "-p", PROFILES, "--progress", "none", "--exemptions-b", EXEMPTIONS,
                "--json", json.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("B: exemptions exemptions-2026-11-a: " + n + " alerts suppressed (EX-2026-014 0, "
                + "EX-2026-015 0, EX-2026-016 " + n + "); " + n + " of the alerts B loses are among them"), r.out());
        assertTrue(r.out().contains("B gains 0 alerts (on 0 accounts) and loses " + n + " (on 1 accounts)"), r.out());
        assertFalse(r.out().contains("A: exemptions"), r.out());
        JsonNode d = JSON.readTree(json.toFile());
        assertEquals(n, d.get("b").get("suppressed").get("by_exemption").get("EX-2026-016").asInt());
        assertTrue(d.get("a").get("suppressed") == null);
    }
}
