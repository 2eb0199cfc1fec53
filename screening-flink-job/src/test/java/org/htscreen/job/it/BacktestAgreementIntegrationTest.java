package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.workbench.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live and backtest agree: the analyst's {@code generate} files, fed to the job through Kafka, give exactly the
 * alerts that {@code backtest} gives on the same files.
 */
class BacktestAgreementIntegrationTest extends KafkaFlinkTest {

    @TempDir
    Path dir;

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type) throws Exception {
        List<T> out = new ArrayList<>();
        try (DataFileReader<T> r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            r.forEach(out::add);
        }
        return out;
    }

    private static int workbench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new AssertionError("screening " + String.join(" ", args) + " exited " + code + ":\n" + out);
        }
        return code;
    }

    @Test
    @Timeout(300)
    void the_job_gives_the_alerts_of_the_backtest_command_on_the_same_files() throws Exception {
        Path data = dir.resolve("data");
        workbench("generate", "--out", data.toString(), "--format", "avro", "--seed", "11", "--customers", "150",
                "--progress", "plain");
        Path alertsFile = dir.resolve("backtest-alerts.jsonl");
        workbench("backtest", "-t", data.resolve("transactions.avro").toString(), "-p", data.resolve("profiles.avro").toString(),
                "-o", alertsFile.toString(), "--progress", "plain");
        TreeSet<String> backtest = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(alertsFile)) {
            JsonNode a = json.readTree(line);
            backtest.add(a.get("alertId").asText() + " " + a.get("accountId").asText() + " " + a.get("typology").asText());
        }

        JobOptions o = KafkaTestSupport.replayOptions(kafka.bootstrapServers(), "agree");
        kafka.createTopics(new Topics(o).all(), 2);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic,
                read(data.resolve("profiles.avro"), PartyProfile.class), p -> ((PartyProfile) p).getPartyId());
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic,
                read(data.resolve("transactions.avro"), Transaction.class), t -> ((Transaction) t).getTxId());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        JobExecutionResult done = env.execute("backtest agreement");
        TreeSet<String> live = new TreeSet<>();
        for (Alert a : KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class)) {
            live.add(a.getAlertId() + " " + a.getAccountId() + " " + a.getTypology());
        }

        assertFalse(backtest.isEmpty(), "the planted scenarios raise alerts");
        assertEquals(0L, ((Number) done.getAccumulatorResult(AccountScreening.LATE_TRANSACTIONS)).longValue(),
                "every transaction was screened in event-time order (none behind the watermark)");
        assertEquals(backtest, live);
    }
}
