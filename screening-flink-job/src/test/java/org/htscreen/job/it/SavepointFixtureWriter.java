package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.htscreen.avro.Alert;
import org.htscreen.job.JobOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a savepoint fixture of this release (not a test: it runs only when asked, see
 * src/test/resources/savepoints/README.md): the first part of {@link SavepointScenario}'s traffic through the job,
 * stopped with a savepoint without draining (held transactions stay held), copied with the alerts published before
 * it into the directory named by the system property {@value #TARGET}.
 */
class SavepointFixtureWriter extends KafkaFlinkTest {

    /** System property: the directory the fixture is written to (created; its files replaced). */
    static final String TARGET = "htscreen.savepoint.fixture";

    @Test
    @Timeout(300)
    @EnabledIfSystemProperty(named = TARGET, matches = ".+")
    void write_the_fixture(@TempDir Path savepoints) throws Exception {
        Path target = Path.of(System.getProperty(TARGET)).toAbsolutePath();
        SavepointScenario traffic = new SavepointScenario();
        JobOptions o = SavepointScenario.options(kafka.bootstrapServers());
        // The exactly-once sinks' state names Kafka transactions of this run's broker, which a later run on a fresh
        // broker cannot commit (InvalidPidMappingException, restart loop): the fixture is written at least once,
        // its keyed and source state are the same; the restoring job runs exactly once.
        o.deliveryGuarantee = JobOptions.Guarantee.AT_LEAST_ONCE;
        SavepointScenario.feed(kafka.bootstrapServers(), o, traffic.profiles(), traffic.first(), kafka);

        JobClient job = SavepointScenario.start(o, null);
        SavepointScenario.awaitConsumed(job, kafka.bootstrapServers(), o, Duration.ofMinutes(3));
        SavepointScenario.Stopped stopped = SavepointScenario.stop(job, false, savepoints);
        assertEquals(0L, stopped.late(), "no transaction screened late");

        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        SavepointScenario.copy(stopped.savepoint(), target);
        Files.write(target.resolve(SavepointScenario.ALERTS_FILE),
                alerts.stream().map(SampleTrafficIntegrationTest::content).sorted().toList(), StandardCharsets.UTF_8);
        System.out.printf("fixture: %d profiles, %d of %d transactions, %d alerts, savepoint %s -> %s%n",
                traffic.profiles().size(), traffic.first().size(), traffic.all().size(), alerts.size(),
                stopped.savepoint(), target);
    }
}
