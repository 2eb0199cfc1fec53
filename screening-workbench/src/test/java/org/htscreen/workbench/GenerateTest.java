package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.htscreen.workbench.io.ErrorPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, and a backtest of generated data with labels. */
class GenerateTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path small;

    @BeforeAll
    static void generate() {
        small = dir.resolve("small");
        Cli.Result r = Cli.run("generate", "--out", small.toString(), "--customers", "300", "--days", "45",
                "--progress", "none");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void oneShardIsExactlyTheGeneratorsSample() {
        Sample s = SampleTraffic.generate(new SampleConfig(42, 300, 45, SampleConfig.DEMO_START, 1, 1, 1, 1, 1));
        List<Transaction> txs = InputFormatsTest.read(small.resolve("transactions.avro"), Transaction.getClassSchema(),
                ErrorPolicy.strict());
        assertEquals(s.transactions(), txs);
        List<PartyProfile> ps = InputFormatsTest.read(small.resolve("profiles.avro"), PartyProfile.getClassSchema(),
                ErrorPolicy.strict());
        assertEquals(s.profiles(), ps);
        Labels labels = Labels.read(small.resolve("labels.csv"), ErrorPolicy.strict());
        assertEquals(s.labels().stream().map(l -> l.accountId()).distinct().count(), labels.positives());
    }

    @Test
    void shardsAreReproducibleSortedAndShareNoIds() throws IOException {
        Path a = dir.resolve("sharded-a");
        Path b = dir.resolve("sharded-b");
        for (Path p : List.of(a, b)) {
            Cli.Result r = Cli.run("generate", "--out", p.toString(), "--customers", "900", "--days", "20",
                    "--shard-customers", "300", "--format", "jsonl", "--progress", "none");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("3 shards"), r.out());
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("transactions.jsonl")),
                Files.readAllBytes(b.resolve("transactions.jsonl")), "same seed, same bytes");
        List<Transaction> txs = InputFormatsTest.read(a.resolve("transactions.jsonl"), Transaction.getClassSchema(),
                ErrorPolicy.strict());
        for (int i = 1; i < txs.size(); i++) {
            assertTrue(SampleTraffic.ORDER.compare(txs.get(i - 1), txs.get(i)) <= 0, "event-time order at " + i);
        }
        assertEquals(txs.size(), txs.stream().map(Transaction::getTxId).distinct().count(), "unique tx ids");
        List<PartyProfile> ps = InputFormatsTest.read(a.resolve("profiles.jsonl"), PartyProfile.getClassSchema(),
                ErrorPolicy.strict());
        Set<String> accounts = new HashSet<>();
        Set<String> devices = new HashSet<>();
        for (PartyProfile p : ps) {
            for (String acc : p.getAccountIds()) {
                assertTrue(accounts.add(acc), "account in one shard only: " + acc);
                assertTrue(acc.matches(".*-s0[0-2]"), acc);
            }
            for (String d : p.getDeviceIds()) {
                assertTrue(d.matches(".*-s0[0-2]"), d);
                devices.add(d);
            }
        }
        Labels labels = Labels.read(a.resolve("labels.csv"), ErrorPolicy.strict());
        assertTrue(accounts.containsAll(labels.all().keySet()), "labels name the bank's accounts");
        assertEquals(14, labels.positives(), "scenarios are spread over the shards, not repeated per shard");
    }

    @Test
    void theBankPopulationLabelsCasesAndSegmentsAndTheBacktestReportsThem() throws IOException {
        Path bank = dir.resolve("bank");
        Cli.Result g = Cli.run("generate", "--out", bank.toString(), "--population", "BANK", "--customers", "400",
                "--days", "30", "--mule-rings", "1", "--seed", "5", "--progress", "none");
        assertEquals(0, g.code(), g.toString());
        List<String> rows = Files.readAllLines(bank.resolve("labels.csv"));
        assertEquals("account_id,label,typology,role,case_id,segment", rows.get(0));
        Labels labels = Labels.read(bank.resolve("labels.csv"), ErrorPolicy.strict());
        Set<String> cases = new HashSet<>();
        Set<String> segments = new HashSet<>();
        labels.all().values().forEach(l -> {
            if (l.positive()) {
                cases.add(l.caseId());
            } else {
                segments.add(l.segment());
            }
        });
        assertEquals(Set.of("SEX-01", "LAB-01", "SHAM-01", "GEN-01", "SMUG-01", "CRIM-01"), cases);
        assertTrue(segments.containsAll(Set.of("landlord", "retailer-multibranch", "kiosk-24h", "hotel", "night-shift",
                "event-organiser", "student", "domestic-worker", "family-remitter", "recruitment-agency",
                "employer-foreign-workers", "sales-rep", "young-hospitality", "gig-courier", "pensioner", "salaried")),
                segments.toString());
        Path json = dir.resolve("bank-summary.json");
        Cli.Result b = Cli.run("backtest", "-t", bank.resolve("transactions.avro").toString(),
                "-p", bank.resolve("profiles.avro").toString(), "-l", bank.resolve("labels.csv").toString(),
                "-o", dir.resolve("bank-alerts.jsonl").toString(), "--summary-json", json.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("Cases: 6 planted"), b.out());
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(6, summary.get("cases").get("cases").asInt());
        assertEquals(400, summary.get("benign").get("accounts").asInt());
        assertTrue(summary.get("benign").get("per_segment").has("landlord"));
    }

    @Test
    void backtestOfGeneratedDataAgreesWithAnIndependentCountAndDoesNotDependOnThreads() throws IOException {
        List<List<String>> ids = new ArrayList<>();
        JsonNode summary = null;
        for (String threads : List.of("1", "2")) {
            Path alerts = dir.resolve("alerts-" + threads + ".jsonl");
            Path json = dir.resolve("summary-" + threads + ".json");
            Cli.Result r = Cli.run("backtest", "-t", small.resolve("transactions.avro").toString(),
                    "-p", small.resolve("profiles.avro").toString(), "-l", small.resolve("labels.csv").toString(),
                    "-o", alerts.toString(), "--summary-json", json.toString(), "--threads", threads,
                    "--progress", "none");
            assertEquals(0, r.code(), r.toString());
            List<String> list = new ArrayList<>();
            for (String l : Files.readAllLines(alerts)) {
                list.add(JSON.readTree(l).get("alertId").asText());
            }
            ids.add(list);
            summary = JSON.readTree(json.toFile());
        }
        assertEquals(ids.get(0), ids.get(1), "alerts with 1 and 2 engines");
        assertTrue(ids.get(0).size() > 0, "the planted scenarios raise alerts");

        // recount from the alerts file and the labels file
        Set<String> alerted = new HashSet<>();
        for (String l : Files.readAllLines(dir.resolve("alerts-1.jsonl"))) {
            alerted.add(JSON.readTree(l).get("accountId").asText());
        }
        Set<String> positives = new HashSet<>();
        for (String l : Files.readAllLines(small.resolve("labels.csv")).subList(1,
                Files.readAllLines(small.resolve("labels.csv")).size())) {
            String[] c = l.split(",");
            if (c[1].equals("1")) {
                positives.add(c[0]);
            }
        }
        long tp = alerted.stream().filter(positives::contains).count();
        assertEquals(alerted.size(), summary.get("alerted_accounts").asInt());
        Set<String> accounts = new HashSet<>(positives);
        InputFormatsTest.<PartyProfile>read(small.resolve("profiles.avro"), PartyProfile.getClassSchema(),
                ErrorPolicy.strict()).forEach(p -> accounts.addAll(p.getAccountIds()));
        assertEquals(accounts.size(), summary.get("accounts").asInt(), "every account of the bank in the sample");
        assertEquals(tp / (double) alerted.size(), summary.get("precision").asDouble(), 1e-6);
        assertEquals(tp / (double) positives.size(), summary.get("recall").asDouble(), 1e-6);
        assertEquals(alerted.size() / (double) summary.get("accounts").asInt(), summary.get("alert_rate").asDouble(), 1e-6);
    }
}
