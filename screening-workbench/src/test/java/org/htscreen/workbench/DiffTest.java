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

/** diff of two parameter sets on the same data. */
class DiffTest {

    @TempDir
    static Path dir;
    static Path strict;
    static Path same;

    @BeforeAll
    static void data() throws IOException {
        TestData.write(dir, TestData.transactions());
        strict = dir.resolve("strict.yaml");
        Files.writeString(strict, "version: strict-sex\nparameters:\n  engine:\n    threshold_SEX: 5\n");
        same = dir.resolve("same.yaml");
        Files.writeString(same, "version: same-as-defaults\nparameters:\n  engine:\n    threshold_SEX: 1.0\n");
    }

    private Cli.Result diff(String... versions) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("diff",
                "-t", dir.resolve("transactions.jsonl").toString(), "-p", dir.resolve("profiles.jsonl").toString(),
                "-l", dir.resolve("labels.csv").toString(), "--progress", "none",
                "--json", dir.resolve("diff.json").toString(), "--changes", dir.resolve("changes.jsonl").toString()));
        args.addAll(java.util.List.of(versions));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aStricterThresholdLosesTheSexualExploitationAlertsAndGainsThemBack() throws IOException {
        Cli.Result lose = diff("--parameters-b", strict.toString());
        assertEquals(1, lose.code(), lose.toString());
        JsonNode j = new ObjectMapper().readTree(dir.resolve("diff.json").toFile());
        int a = j.get("a").get("summary").get("per_typology").get("SEXUAL_EXPLOITATION").get("alerts").asInt();
        assertTrue(a >= 2, "A alerts X and Y");
        assertEquals(0, j.get("gained").asInt());
        assertEquals(a, j.get("lost").asInt());
        assertEquals(2, j.get("lost_accounts").asInt());
        assertEquals(a, j.get("per_typology").get("SEXUAL_EXPLOITATION").get("lost").asInt());
        assertEquals(a, j.get("per_rule").get("HT-CASH-01").get("lost").asInt());
        assertEquals("strict-sex", j.get("b").get("parameters").asText());
        assertEquals(a, Files.readAllLines(dir.resolve("changes.jsonl")).size());
        assertTrue(lose.out().contains("B gains 0 alerts (on 0 accounts) and loses " + a + " (on 2 accounts)"), lose.out());
        assertTrue(lose.out().contains("Precision 0.500 -> -, recall 0.500 -> 0.000"), lose.out());
        assertTrue(lose.err().strip().endsWith("exit 1: the versions differ: 0 alerts gained, " + a + " lost, 0 moved in time"), lose.err());

        Cli.Result gain = diff("--parameters-a", strict.toString());
        assertEquals(1, gain.code(), gain.toString());
        JsonNode g = new ObjectMapper().readTree(dir.resolve("diff.json").toFile());
        assertEquals(a, g.get("gained").asInt());
        assertEquals(0, g.get("lost").asInt());
        assertTrue(gain.out().contains("Gained alerts fall on 1 labelled-positive accounts"), gain.out());
    }

    /**
     * Six deposits instead of four: HT-CASH-01 fires two deposits (24 hours) later, so X's and Y's alerts are raised by
     * later transactions: moved, not lost and gained; within a shorter window, or with the window off, they are lost
     * and gained.
     */
    @Test
    void anAlertRaisedLaterIsMovedNotLostAndGained() throws IOException {
        Path later = dir.resolve("later.yaml");
        Files.writeString(later, "version: six-deposits\nparameters:\n  HT-CASH-01:\n    min_deposits: 6\n");
        Cli.Result r = diff("--parameters-b", later.toString());
        assertEquals(1, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(dir.resolve("diff.json").toFile());
        int moved = j.get("moved").asInt();
        assertTrue(moved >= 2, r.out());
        assertEquals(0, j.get("gained").asInt(), r.out());
        assertEquals(0, j.get("lost").asInt(), r.out());
        assertEquals(moved, j.get("per_typology").get("SEXUAL_EXPLOITATION").get("moved").asInt());
        assertTrue(r.out().contains(moved + " alerts moved in time (same account and typology"), r.out());
        assertTrue(r.out().matches("(?s).*\n  CY-ACC-X +SEXUAL_EXPLOITATION +\\S+ \\(x-\\d\\) -> \\S+ \\(x-\\d\\), \\+24h\n.*"),
                r.out());
        java.util.List<String> changes = Files.readAllLines(dir.resolve("changes.jsonl"));
        assertEquals(moved, changes.size());
        JsonNode first = new ObjectMapper().readTree(changes.get(0));
        assertEquals("moved", first.get("change").asText());
        assertTrue(first.get("fromEventTime").asText().compareTo(first.get("eventTime").asText()) < 0);
        assertTrue(r.err().strip().endsWith("0 alerts gained, 0 lost, " + moved + " moved in time"), r.err());

        diff("--parameters-b", later.toString(), "--moved-within", "12h");
        JsonNode near = new ObjectMapper().readTree(dir.resolve("diff.json").toFile());
        assertEquals(0, near.get("moved").asInt(), "24 hours apart is not within 12 hours");
        assertEquals(moved, near.get("gained").asInt());
        assertEquals(moved, near.get("lost").asInt());
        diff("--parameters-b", later.toString(), "--moved-within", "0");
        assertEquals(0, new ObjectMapper().readTree(dir.resolve("diff.json").toFile()).get("moved").asInt());
    }

    @Test
    void theSameAlertsExitZero() {
        Cli.Result r = diff("--parameters-b", same.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("No difference."), r.out());
    }
}
