package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep: settings, CSV, JSON, the HTML report, and the report drawn by headless Chromium. */
class SweepTest {

    @TempDir
    static Path dir;
    static Cli.Result run;
    static Path out;

    @BeforeAll
    static void sweep() throws IOException {
        TestData.write(dir, TestData.transactions());
        out = dir.resolve("sweep");
        run = Cli.run("sweep", "-t", dir.resolve("transactions.jsonl").toString(),
                "-p", dir.resolve("profiles.jsonl").toString(), "-l", dir.resolve("labels.csv").toString(),
                "--vary", "engine.threshold_SEX=0.5:2.5:0.5", "--out", out.toString(), "--progress", "none");
    }

    @Test
    void writesOneCsvRowPerSetting() throws IOException {
        assertEquals(0, run.code(), run.toString());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals("setting,engine.threshold_SEX,alerts,alerted_accounts,accounts,alert_rate,precision,recall,f1,knee,"
                + "current,gained,lost,below_the_line", csv.get(0));
        assertEquals(6, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("1,0.5,"), csv.get(1));
        assertTrue(csv.get(5).startsWith("5,2.5,0,0,3,0,,0,0,"), "no alerts at the highest threshold: " + csv.get(5));
        String[] first = csv.get(1).split(",", -1);
        assertEquals("2", first[3], "X and Y alerted at the lowest threshold");
        assertEquals("0.5", first[6]);
        assertEquals("0.5", first[7]);
    }

    @Test
    void htmlIsSelfContained() throws IOException {
        String html = Files.readString(out.resolve("sweep.html"));
        assertTrue(html.contains("\"params\" : [ \"engine.threshold_SEX\" ]"), "data embedded");
        assertFalse(html.matches("(?s).*(src|href)\\s*=\\s*[\"']?(https?:)?//.*"), "no external resource");
        assertFalse(html.contains("/*DATA*/"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(5, json.get("rows").size());
        assertEquals("SEXUAL_EXPLOITATION", json.get("rows").get(0).get("summary").get("per_typology").fieldNames().next());
    }

    @Test
    void axesAreParsedAndCheckedAgainstTheCatalogue() {
        assertEquals(List.of(3L, 4L, 5L), Sweep.axis("HT-CASH-01.min_deposits=3:5:1").values());
        assertEquals(List.of(0.8, 1.0, 1.2), Sweep.axis("engine.threshold_SEX=0.8:1.2:0.2").values());
        assertEquals(List.of(true, false), Sweep.axis("HT-CASH-02.enabled=true,false").values());
        assertEquals(6, Sweep.settings(List.of(Sweep.axis("a=1,2,3"), Sweep.axis("b=true,false"))).size());
        assertThrows(UsageException.class, () -> Sweep.axis("x=5:1:1"));
        Cli.Result r = Cli.run("sweep", "-t", dir.resolve("transactions.jsonl").toString(),
                "--vary", "HT-CASH-01.min_deposits=1:3:1", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("HT-CASH-01.min_deposits = 1 is out of range: allowed [2, 100]"), r.err());
    }

    @Test
    void kneeIsThePointFarthestFromTheChord() {
        // recall rises steeply then flattens: the knee is where it flattens
        double[] alerts = {10, 20, 30, 60, 120, 240};
        double[] recall = {0.2, 0.5, 0.8, 0.85, 0.9, 0.92};
        assertEquals(2, Sweep.knee(alerts, recall));
        assertEquals(-1, Sweep.knee(new double[] {1, 2, 3}, new double[] {1, 2, 3}), "a straight line has no knee");
        assertEquals(-1, Sweep.knee(new double[] {1, 2}, new double[] {1, 5}));
    }

    // ------------------------------------------------------------------ headless Chromium

    static Optional<String> chromium() {
        String env = System.getenv("CHROMIUM");
        if (env != null && new File(env).canExecute()) {
            return Optional.of(env);
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return Optional.of(f.getPath());
                }
            }
        }
        return Optional.empty();
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void chromiumDrawsTheCharts() throws Exception {
        Optional<String> browser = chromium();
        Assumptions.assumeTrue(browser.isPresent(),
                "SKIPPED: no headless Chromium on this machine (Debian: apt-get install -y chromium); the sweep report "
                        + "was not rendered");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        ProcessBuilder pb = new ProcessBuilder(browser.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                out.resolve("sweep.html").toUri().toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String html = new String(dom, StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        int n = json.get("rows").size();
        int prPoints = 0;
        for (JsonNode r : json.get("rows")) {
            prPoints += (r.get("precision").isNull() ? 0 : 1) + (r.get("recall").isNull() ? 0 : 1);
        }
        int typologies = 0;
        for (java.util.Iterator<String> t = json.get("rows").get(0).get("typologies").fieldNames(); t.hasNext(); ) {
            String name = t.next();
            boolean any = false;
            for (JsonNode r : json.get("rows")) {
                any |= r.get("typologies").get(name).get("alerts").asInt() > 0;
            }
            typologies += any ? 1 : 0;
        }
        assertEquals(1, typologies, "only sexual exploitation alerts in this data");
        assertEquals(3 + typologies, count(html, "<svg "),
                "three charts (alerts, precision/recall, trade-off) and one per alerting typology: " + html.length());
        assertEquals(2 * n + prPoints + n + typologies * n, count(html, "<circle[^>]*class=\"point\""),
                "one circle per data point");
        assertEquals(2 + 2 + 1 + typologies, count(html, "<path[^>]*class=\"line series\""), "one line per series");
        assertEquals(1, json.get("current").asInt(), "engine.threshold_SEX = 1 is in force");
        assertEquals(3 + typologies, count(html, "<rect[^>]*class=\"current\""), "the current setting marked on every chart");
        int below = 0;
        for (JsonNode r : json.get("rows")) {
            below += r.get("below_the_line").isNull() ? 0 : r.get("below_the_line").get("sample").size();
        }
        assertTrue(below > 0, "the lowest threshold alerts accounts the next ones do not");
        assertEquals(below, count(html, "<li class=\"btl-account\""), "every setting's below-the-line sample");
        assertTrue(count(html, "<path[^>]*class=\"(axis|grid)\"") > 10, "axes and grid drawn");
        boolean knee = !json.get("knee").isNull();
        assertEquals(knee ? 2 : 0, count(html, "<circle[^>]*class=\"knee\""), "knee marked on both labelled charts");
        assertEquals(n + 1, count(html, "<tr"), "table rows");
    }
}
