package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.TestKeys;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.wire.RegistryDouble;
import org.htscreen.wire.WireFormat;
import org.htscreen.workbench.Main;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/screening kafka} against a running job, in the Confluent wire format, over a real broker and a Flink
 * MiniCluster: profiles and transactions sent from files in the documented formats raise an alert that
 * {@code tail-alerts} prints as JSON and as text; a signed parameter bundle is published and the tool reports it in
 * force, one signed by an untrusted key rejected, and a control topic no job reads times out. The schema registry
 * is {@link RegistryDouble}, an in-process HTTP test double of the registry (no real registry can be started here).
 */
class OperatorToolIntegrationTest extends KafkaRegistryFlinkTest {

    /** Exit code and everything printed (standard output, then standard error). */
    private record Run(int code, String out, String err) {
    }

    private static Run screening(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> kafka(JobOptions o, String command, String... args) {
        List<String> a = new ArrayList<>(List.of("kafka", command, "--bootstrap-servers", o.bootstrapServers,
                "--wire-format", "CONFLUENT", "--schema-registry-url", registry.url()));
        a.addAll(List.of(args));
        return a;
    }

    @Test
    @Timeout(300)
    void produce_tail_and_publish_control_against_a_running_job(@TempDir Path dir) throws Exception {
        TestKeys.Pair analysts = TestKeys.create(dir, "analysts");
        TestKeys.Pair stranger = TestKeys.create(dir, "stranger");
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "tool");
        o.wire.format = WireFormat.CONFLUENT;
        o.wire.registryUrl = registry.url();
        o.trustKeys = List.of(analysts.publicKey());
        o.maxOutOfOrderness = Duration.ZERO;
        kafka.createTopics(new Topics(o).all(), 2);
        kafka.createTopics(List.of("tool-nobody-control", "tool-nobody-results"), 1);

        Path profiles = dir.resolve("profiles.csv");
        try (RecordSink<PartyProfile> s = RecordSink.create(profiles, Format.CSV, PartyProfile.getClassSchema())) {
            s.write(Profiles.person("P-CY-TOOL-1", "CY-TOOL-1", 900).build());
        }
        Path transactions = dir.resolve("transactions.jsonl");
        try (RecordSink<Transaction> s = RecordSink.create(transactions, Format.JSONL, Transaction.getClassSchema())) {
            JobIntegrationTest.plantedDeposits("CY-TOOL-1").forEach(s::write);
            s.write(Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock").day(30, 0).build());   // moves event time on
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled().withControl(o.controlPolicy()));
        JobClient job = env.executeAsync("operator tool test");
        try {
            Run p = screening(kafka(o, "produce-profiles", profiles.toString(), "--topic", o.profilesTopic));
            assertEquals(0, p.code(), p.err());
            assertTrue(p.out().startsWith("sent 1 profiles to tool-profiles (Confluent wire format"), p.out());
            Run t = screening(kafka(o, "produce-transactions", transactions.toString(), "--topic", o.transactionsTopic));
            assertEquals(0, t.code(), t.err());
            assertTrue(t.out().startsWith("sent 9 transactions to tool-transactions"), t.out());

            Run json = screening(kafka(o, "tail-alerts", "--topic", o.alertsTopic, "--from-beginning", "--max", "1",
                    "--timeout", "120s", "--output", "JSON"));
            assertEquals(0, json.code(), json.err());
            JsonNode alert = new ObjectMapper().readTree(json.out().strip());
            assertEquals("CY-TOOL-1", alert.get("accountId").asText());
            assertTrue(alert.get("signals").size() > 0, json.out());

            Run text = screening(kafka(o, "tail-alerts", "--topic", o.alertsTopic, "--from-beginning", "--max", "1",
                    "--timeout", "30s"));
            assertEquals(0, text.code(), text.err());
            assertTrue(text.out().startsWith("ALERT ") && text.out().contains("CY-TOOL-1") && text.out().contains("HT-CASH-01"), text.out());

            Run none = screening(kafka(o, "tail-alerts", "--topic", o.alertsTopic, "--max", "2", "--timeout", "2s"));
            assertEquals(1, none.code());
            assertTrue(none.err().strip().endsWith("exit 1: 0 of 2 alerts within 2 s"), none.err());

            Path yaml = Files.writeString(dir.resolve("parameters.yaml"), """
                    version: tool-1
                    parameters:
                      engine:
                        min_families: 2
                    """);
            Path bundle = dir.resolve("tool-1.zip");
            Run sign = screening(List.of("rules", "sign", yaml.toString(), "--key", analysts.privateKey().toString(),
                    "--out", bundle.toString()));
            assertEquals(0, sign.code(), sign.err());
            Run published = screening(kafka(o, "publish-control", bundle.toString(), "--control-topic", o.controlTopic,
                    "--control-results-topic", o.controlResultsTopic, "--timeout", "120s"));
            assertEquals(0, published.code(), published.out() + published.err());
            assertTrue(published.out().contains("in force: parameter set tool-1 is in force"), published.out());

            Path strangers = dir.resolve("tool-2.zip");
            Files.writeString(yaml, Files.readString(yaml).replace("tool-1", "tool-2"));
            assertEquals(0, screening(List.of("rules", "sign", yaml.toString(), "--key", stranger.privateKey().toString(),
                    "--out", strangers.toString())).code());
            Run rejected = screening(kafka(o, "publish-control", strangers.toString(), "--control-topic", o.controlTopic,
                    "--control-results-topic", o.controlResultsTopic, "--timeout", "120s"));
            assertEquals(1, rejected.code(), rejected.out() + rejected.err());
            assertTrue(rejected.err().strip().startsWith("exit 1: the job rejected PARAMETERS tool-2: rejected, "), rejected.err());

            Run unanswered = screening(kafka(o, "publish-control", bundle.toString(), "--control-topic", "tool-nobody-control",
                    "--control-results-topic", "tool-nobody-results", "--timeout", "3s"));
            assertEquals(3, unanswered.code(), unanswered.err());
            assertTrue(unanswered.err().strip().endsWith("exit 3: no control result for PARAMETERS tool-1 on tool-nobody-results "
                    + "within 3 s (is the job running, reading tool-nobody-control in CONFLUENT?)"), unanswered.err());
        } finally {
            job.cancel().get();
        }
    }
}
