package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions;
import org.htscreen.job.local.EmbeddedKafka;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint taken with an earlier release (src/test/resources/savepoints/v1, see the README there) restores into
 * this job: the job continues from the offsets in it with the account state, held transactions, timers and
 * identifier groups of that run, and the alerts published before the savepoint plus those published after the
 * restore are exactly the alerts of one uninterrupted screening of the whole traffic (the engine in event-time
 * order, which {@link SampleTrafficIntegrationTest} shows the job agrees with), role hints apart (see the test).
 * Without the restored state the
 * history behind the later alerts and the alerts already raised would be missing, so the two would differ.
 */
class SavepointRestoreIntegrationTest extends KafkaFlinkTest {

    /**
     * On the heap backend the restored state is read with the serializer whole; on RocksDB the v1 stored form is
     * compatible after migration, so Flink reads every value with the restored serializer and rewrites it.
     */
    @ParameterizedTest
    @EnumSource(JobOptions.StateBackend.class)
    @Timeout(300)
    void a_v1_savepoint_restores_and_the_job_continues_as_if_uninterrupted(JobOptions.StateBackend backend,
            @TempDir Path tmp) throws Exception {
        Path fixture = fixture("v1");
        Path savepoint = tmp.resolve("v1-relocated");   // elsewhere than where it was written: relocatable
        SavepointScenario.copy(fixture, savepoint);
        List<String> before = Files.readAllLines(fixture.resolve(SavepointScenario.ALERTS_FILE), StandardCharsets.UTF_8);
        // a broker of its own: the fixture's offsets need the topics of its names with exactly the records written here
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            restoreAndCompare(broker, backend, savepoint, before, tmp);
        }
    }

    private static void restoreAndCompare(EmbeddedKafka kafka, JobOptions.StateBackend backend, Path savepoint,
            List<String> before, Path tmp) throws Exception {
        SavepointScenario traffic = new SavepointScenario();
        JobOptions o = SavepointScenario.options(kafka.bootstrapServers());
        o.stateBackend = backend;
        List<Transaction> both = new ArrayList<>(traffic.first());
        both.addAll(traffic.second());
        SavepointScenario.feed(kafka.bootstrapServers(), o, traffic.profiles(), both, kafka);

        JobClient job = SavepointScenario.start(o, savepoint);
        SavepointScenario.awaitConsumed(job, kafka.bootstrapServers(), o, Duration.ofMinutes(3));
        SavepointScenario.Stopped stopped = SavepointScenario.stop(job, true, tmp.resolve("after"));
        assertEquals(0L, stopped.late(), "no transaction screened late");
        List<String> after = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class).stream()
                .map(SampleTrafficIntegrationTest::content).toList();

        assertFalse(before.isEmpty(), "the fixture's run alerted");
        assertFalse(after.isEmpty(), "the restored run alerted");
        Set<String> firstIds = traffic.first().stream().map(Transaction::getTxId).collect(Collectors.toSet());
        assertTrue(after.stream().anyMatch(a -> firstIds.stream().anyMatch(a::contains)),
                "an alert after the restore cites evidence from before the savepoint (history restored)");
        List<String> uninterrupted = KafkaTestSupport.engineAlerts(traffic.profiles(), traffic.all(), o.maxOutOfOrderness)
                .stream().map(SampleTrafficIntegrationTest::content).sorted().toList();
        List<String> resumed = new ArrayList<>(before);
        resumed.addAll(after);
        assertEquals(withoutRole(uninterrupted), withoutRole(resumed),
                "alerts before the savepoint + after the restore = one uninterrupted run (role hints apart)");
        // Role hints are left out: v1 voted them per alert, this release settles them per account (ADR 0016), so the
        // hints of the alerts v1 published differ from this release's, and a v1 state holds no settled role (every
        // account alerted after the restore in this traffic was alerted before it too). EngineGoldenTest records
        // the hints of this release.
    }

    /** Alert content lines ({@link SampleTrafficIntegrationTest#content}) without the role hint (the 4th field), sorted. */
    private static List<String> withoutRole(List<String> lines) {
        return lines.stream().map(l -> {
            String[] f = l.split(" ", 5);
            return f[0] + " " + f[1] + " " + f[2] + " " + f[4];
        }).sorted().toList();
    }

    private static Path fixture(String version) throws URISyntaxException {
        return Path.of(SavepointRestoreIntegrationTest.class.getResource("/savepoints/" + version + "/_metadata").toURI())
                .getParent();
    }
}
