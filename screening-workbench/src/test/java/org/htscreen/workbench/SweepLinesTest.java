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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's above/below-the-line report on files written by {@code generate}: the current setting marked, the
 * alerts each setting gains and loses against it, and the below-the-line accounts, checked against separate
 * backtests of the settings concerned.
 */
class SweepLinesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] THRESHOLDS = {"0.5", "1", "1.5", "3"};

    @TempDir
    static Path dir;
    static Path data;
    static Cli.Result sweep;
    static JsonNode json;

    @BeforeAll
    static void run() throws IOException {
        data = dir.resolve("data");
        Cli.Result g = Cli.run("generate", "--out", data.toString(), "--customers", "200", "--days", "45",
                "--progress", "none");
        assertEquals(0, g.code(), g.toString());
        sweep = Cli.run("sweep", "-t", data.resolve("transactions.avro").toString(),
                "-p", data.resolve("profiles.avro").toString(), "-l", data.resolve("labels.csv").toString(),
                "--vary", "engine.threshold_SEX=" + String.join(",", THRESHOLDS), "--below-sample", "3",
                "--out", dir.resolve("sweep").toString(), "--progress", "none");
        assertEquals(0, sweep.code(), sweep.toString());
        json = JSON.readTree(dir.resolve("sweep/sweep.json").toFile());
    }

    /** Alerted account|TYPOLOGY pairs of a backtest at one threshold. */
    private static Set<String> backtest(String threshold) throws IOException {
        Path params = dir.resolve("sex-" + threshold + ".yaml");
        Files.writeString(params, "version: sex-" + threshold + "\nparameters:\n  engine:\n    threshold_SEX: " + threshold + "\n");
        Path alerts = dir.resolve("alerts-" + threshold + ".jsonl");
        Cli.Result r = Cli.run("backtest", "-t", data.resolve("transactions.avro").toString(),
                "-p", data.resolve("profiles.avro").toString(), "--parameters", params.toString(),
                "-o", alerts.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.toString());
        Set<String> pairs = new TreeSet<>();
        for (String l : Files.readAllLines(alerts)) {
            JsonNode a = JSON.readTree(l);
            pairs.add(a.get("accountId").asText() + "|" + a.get("typology").asText());
        }
        return pairs;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    @Test
    void theCurrentSettingIsMarkedEverywhere() throws IOException {
        assertEquals(1, json.get("current").asInt(), "threshold_SEX 1 is the default in force");
        assertTrue(json.get("rows").get(1).get("current").asBoolean());
        assertFalse(json.get("rows").get(0).get("current").asBoolean());
        List<String> csv = Files.readAllLines(dir.resolve("sweep/sweep.csv"));
        assertTrue(csv.get(2).contains(",yes,0,0,"), "current, nothing gained or lost against itself: " + csv.get(2));
        assertTrue(sweep.out().matches("(?s).*\n2 +engine\\.threshold_SEX=1 .*<- current.*"), sweep.out());
        assertTrue(sweep.out().contains("Current setting (in force): 2, engine.threshold_SEX=1"), sweep.out());
    }

    @Test
    void gainedLostAndBelowTheLineAreThoseOfSeparateBacktests() throws IOException {
        Set<String> low = backtest("0.5");
        Set<String> current = backtest("1");
        Set<String> high = backtest("3");
        JsonNode rows = json.get("rows");
        assertEquals(minus(low, current).size(), rows.get(0).get("gained").asInt());
        assertEquals(minus(current, low).size(), rows.get(0).get("lost").asInt());
        assertEquals(minus(high, current).size(), rows.get(3).get("gained").asInt());
        assertEquals(minus(current, high).size(), rows.get(3).get("lost").asInt());
        assertTrue(rows.get(3).get("gained").asInt() + rows.get(3).get("lost").asInt() > 0,
                "a higher threshold changes the alerted accounts and typologies on this data: " + sweep.out());

        assertTrue(rows.get(0).get("below_the_line").isNull(), "nothing is lower than the lowest setting");
        JsonNode below = rows.get(1).get("below_the_line");
        assertEquals(0, rows.get(1).get("lower_setting").asInt());
        Set<String> expected = minus(low, current);
        assertTrue(expected.size() > 0, "the lower threshold alerts accounts the current one does not");
        assertEquals(expected.size(), below.get("count").asInt());
        assertEquals(Math.min(3, expected.size()), below.get("sample").size());
        double previous = Double.MAX_VALUE;
        for (JsonNode b : below.get("sample")) {
            assertTrue(expected.contains(b.get("accountId").asText() + "|" + b.get("typology").asText()), b.toString());
            assertTrue(b.get("score").asDouble() <= previous, "highest score first");
            previous = b.get("score").asDouble();
            assertTrue(b.get("signals").size() > 0 && b.get("signals").get(0).asText().matches("HT-[A-Z]+-\\d\\d: .+"),
                    b.toString());
            assertTrue(b.has("label"), "labelled data: each account's label");
        }
        assertTrue(sweep.out().contains("Below the line of the current setting: " + expected.size()
                + " accounts and typologies alert at the next lower setting 1 (engine.threshold_SEX=0.5)"), sweep.out());
    }

    @Test
    void perTypologyFiguresMatchTheBacktest() throws IOException {
        Set<String> high = backtest("1.5");
        JsonNode sex = json.get("rows").get(2).get("typologies").get("SEXUAL_EXPLOITATION");
        long accounts = high.stream().filter(p -> p.endsWith("|SEXUAL_EXPLOITATION")).count();
        assertEquals(accounts, sex.get("alerted_accounts").asLong());
        assertTrue(sex.has("precision") && sex.has("recall") && sex.has("gained") && sex.has("lost"), sex.toString());
    }

    @Test
    void theNextLowerSettingKeepsTheOtherParameters() {
        List<Sweep.Axis> axes = List.of(Sweep.axis("engine.min_families=1,2"), Sweep.axis("engine.threshold_SEX=1.5,0.5,1"));
        List<Sweep.Setting> settings = Sweep.settings(axes);
        int[] lower = SweepLines.lower(settings, axes);
        // settings: (1,1.5) (1,0.5) (1,1) (2,1.5) (2,0.5) (2,1)
        assertEquals(List.of(2, -1, 1, 5, -1, 4), java.util.Arrays.stream(lower).boxed().toList());
        List<Sweep.Setting> bools = Sweep.settings(List.of(Sweep.axis("HT-CASH-02.enabled=true,false")));
        assertEquals(List.of(-1, -1), java.util.Arrays.stream(SweepLines.lower(bools,
                List.of(Sweep.axis("HT-CASH-02.enabled=true,false")))).boxed().toList());
    }
}
