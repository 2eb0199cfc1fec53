package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.Typology;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.Topics;
import org.htscreen.job.local.EmbeddedKafka;
import org.htscreen.job.local.LocalDemo;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The packaged jars as users run them, against a real Kafka broker in this JVM:
 * <ul>
 *   <li>the {@code cluster} jar submitted with Flink's CLI ({@code run -d}) to a standalone session cluster whose
 *       JobManager and TaskManager are separate JVMs started from Flink's Maven artifacts. Their classpath is this
 *       JVM's classpath filtered down to Flink's runtime and logging (no project classes, Drools, Kafka, Avro,
 *       connectors, Jackson, Micrometer, picocli, JUnit), so a class missing from the shaded jar, a lost service
 *       file or a class-loading conflict fails here;</li>
 *   <li>the {@code local} jar under {@code java -jar} (Flink inside, module flags from its manifest, no JVM flags);
 *       skipped with {@code -Dhtscreen.it.local-jar=false}.</li>
 * </ul>
 * Processes are killed after each test and by a shutdown hook; their output is kept in
 * {@code target/standalone-cluster/} and its tail printed when a test fails.
 */
class StandaloneClusterIT {

    private static final Path DIR = Path.of(System.getProperty("htscreen.it.dir", "target/standalone-cluster"));
    private static final Path CLUSTER_JAR = Path.of(System.getProperty("htscreen.cluster.jar", "target/missing-cluster.jar"));
    private static final Path LOCAL_JAR = Path.of(System.getProperty("htscreen.local.jar", "target/missing-local.jar"));
    private static final String AVRO_PACKAGES = System.getProperty("htscreen.avro.trusted.packages", "org.htscreen.avro");
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

    /** Artifacts of a Flink distribution's classpath besides Flink's own jars (its runtime dependencies). */
    private static final List<String> FLINK_RUNTIME_THIRD_PARTY = List.of(
            "/com/esotericsoftware/", "/org/objenesis/", "/org/snakeyaml/snakeyaml-engine/", "/org/apache/commons/commons-lang3/",
            "/org/apache/commons/commons-text/", "/org/apache/commons/commons-math3/", "/org/apache/commons/commons-compress/",
            "/commons-collections/commons-collections/", "/commons-io/commons-io/", "/commons-cli/commons-cli/",
            "/org/javassist/", "/tools/profiler/", "/org/xerial/snappy/", "/at/yawk/lz4/", "/com/google/code/findbugs/jsr305/",
            "/com/ververica/frocksdbjni/",
            // logging
            "/org/slf4j/slf4j-api/", "/org/apache/logging/log4j/log4j-api/", "/org/apache/logging/log4j/log4j-core/",
            "/org/apache/logging/log4j/log4j-slf4j2-impl/");

    /** Flink artifacts a distribution does not have in lib/ (connectors, formats, test utilities). */
    private static final List<String> NOT_FLINK_RUNTIME = List.of(
            "flink-connector-kafka", "flink-avro", "flink-test-utils", "flink-table-", "flink-dstl-");

    /** Short-lived test JVMs on small machines: less JIT and GC work (throughput is irrelevant for 50 records). */
    private static final List<String> FAST_START = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();
    private static final Thread KILLER = new Thread(StandaloneClusterIT::killAll, "kill-standalone-cluster");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafka kafka;
    private final Map<String, Path> logs = new LinkedHashMap<>();
    private final List<Process> cluster = new ArrayList<>();
    private final long t0 = System.nanoTime();

    @BeforeAll
    static void startKafka() throws Exception {
        Runtime.getRuntime().addShutdownHook(KILLER);
        Files.createDirectories(DIR);
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        killAll();
        Runtime.getRuntime().removeShutdownHook(KILLER);
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void killProcesses() {
        killAll();
    }

    @Test
    @Timeout(200)
    void cluster_jar_on_a_standalone_session_cluster_alerts_on_the_planted_pattern_only(TestInfo test) throws Exception {
        assertTrue(Files.isRegularFile(CLUSTER_JAR), "run after `package`: no " + CLUSTER_JAR);
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "sc");
        produceTraffic(o);
        try {
            Path conf = Files.createDirectories(DIR.resolve("conf"));
            int restPort = freePort();
            int rpcPort = freePort();
            writeConfig(conf, restPort, rpcPort);
            List<String> cp = flinkClasspath();
            assertTrue(cp.stream().anyMatch(e -> e.contains("flink-runtime-")), "Flink's runtime is on the classpath: " + cp);

            cluster.add(start("jobmanager", conf, cp, "384m",
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir", conf.toString()));
            cluster.add(start("taskmanager", conf, cp, "512m",
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf.toString()));
            String rest = "http://localhost:" + restPort;
            awaitSlots(rest, 2, Duration.ofSeconds(60));
            log("cluster up (JobManager + TaskManager, 2 slots)");

            List<String> args = new ArrayList<>(List.of("run", "-d", CLUSTER_JAR.toString()));
            args.addAll(jobArguments(o));
            Process cli = start("cli", conf, cp, "256m", "org.apache.flink.client.cli.CliFrontend", args.toArray(String[]::new));
            assertTrue(cli.waitFor(90, TimeUnit.SECONDS), "the CLI returns after a detached submission");
            String cliOut = Files.readString(logs.get("cli"));
            assertEquals(0, cli.exitValue(), "CLI exit code; output:\n" + tail(cliOut, 60));
            Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(cliOut);
            assertTrue(m.find(), "the CLI prints the job id:\n" + tail(cliOut, 60));
            String jobId = m.group(1);
            log("job " + jobId + " submitted with the CLI");

            awaitFinished(rest, jobId, JOB_TIMEOUT);
            log("job finished (bounded sources)");
            assertAlerts(o);
            log("alerts checked");
        } catch (Throwable t) {
            printTails(test);
            throw t;
        }
    }

    /**
     * Guards the local jar's list of Flink artifacts (pom.xml, extraArtifacts) and its manifest. About 15 s; the build
     * passes {@code htscreen.it.local-jar=true} unless run with {@code -Dhtscreen.it.local-jar=false}.
     */
    @Test
    @Timeout(150)
    @EnabledIfSystemProperty(named = "htscreen.it.local-jar", matches = "true")
    void local_jar_runs_the_job_in_one_jvm_without_jvm_flags(TestInfo test) throws Exception {
        assertTrue(Files.isRegularFile(LOCAL_JAR), "run after `package`: no " + LOCAL_JAR);
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "lj");
        produceTraffic(o);
        try {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
            cmd.addAll(FAST_START);
            cmd.addAll(List.of("-jar", LOCAL_JAR.toString(), LocalDemo.JOB_COMMAND));
            cmd.addAll(jobArguments(o));
            Process p = start("local-jar", cmd, Map.of());
            assertTrue(p.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "java -jar ...-local.jar ends after a bounded run");
            assertEquals(0, p.exitValue(), "exit code of java -jar");
            log("java -jar ...-local.jar finished");
            assertAlerts(o);
        } catch (Throwable t) {
            printTails(test);
            throw t;
        }
    }

    /**
     * Recovery on a real cluster, with separate processes. The sample population streams into Kafka while the job
     * (exactly once, event-time order) runs unbounded: the TaskManager JVM is killed with SIGKILL after checkpoints
     * completed, a new TaskManager is started and the job recovers from its last checkpoint; later the job is
     * cancelled and submitted again from its retained checkpoint. The alerts committed to Kafka (read
     * {@code read_committed}) are then exactly those the embedded engine gives on the same input: none lost, none
     * twice.
     */
    @Test
    @Timeout(300)   // about 100 s on 2 free cores, 180 s on a loaded machine
    void killed_taskmanager_and_cancelled_job_recover_from_checkpoints_without_losing_or_repeating_alerts(TestInfo test)
            throws Exception {
        assertTrue(Files.isRegularFile(CLUSTER_JAR), "run after `package`: no " + CLUSTER_JAR);
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "fault");
        o.maxOutOfOrderness = Duration.ofMinutes(1);
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        List<Transaction> txs = new ArrayList<>(sample.transactions());
        txs.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        // a last transaction later than the out-of-orderness releases every transaction before it
        Instant end = txs.get(txs.size() - 1).getEventTime().plus(o.maxOutOfOrderness.multipliedBy(3));
        txs.add(Tx.cashDeposit("CY-END-OF-TEST", 10).id("end-of-test").at(end).build());
        List<String> expected = engineAlerts(sample.profiles(), txs, o.maxOutOfOrderness);
        assertTrue(expected.size() >= 3, "the sample raises alerts: " + expected);

        kafka.createTopics(new Topics(o).all(), 2);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic, sample.profiles(), v -> ((PartyProfile) v).getPartyId());
        Path checkpoints = Files.createDirectories(DIR.resolve("fault-checkpoints").toAbsolutePath());
        List<String> args = new ArrayList<>(faultJobArguments(o, checkpoints));
        try {
            Path conf = Files.createDirectories(DIR.resolve("conf"));
            int restPort = freePort();
            writeConfig(conf, restPort, freePort());
            List<String> cp = flinkClasspath();
            cluster.add(start("jobmanager", conf, cp, "384m",
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir", conf.toString()));
            Process taskManager = start("taskmanager", conf, cp, "512m",
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf.toString());
            cluster.add(taskManager);
            String rest = "http://localhost:" + restPort;
            awaitSlots(rest, 2, Duration.ofSeconds(60));

            String jobId = submit(conf, cp, "cli", args);
            awaitCheckpoints(rest, jobId, 1, Duration.ofSeconds(90));   // profiles are read before transactions flow
            log("job " + jobId + " running, first checkpoint complete");

            Traffic traffic = new Traffic(o.transactionsTopic, txs, 30);
            traffic.sendSlices(12);
            awaitCheckpoints(rest, jobId, checkpointsCompleted(rest, jobId) + 2, Duration.ofSeconds(60));
            int committedBefore = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class).size();
            traffic.sendSlices(2);   // in flight when the TaskManager dies

            taskManager.destroyForcibly();   // SIGKILL on Linux
            assertTrue(taskManager.waitFor(10, TimeUnit.SECONDS), "the TaskManager process ended");
            assertEquals(137, taskManager.exitValue(), "the TaskManager was killed by SIGKILL (128 + 9)");
            cluster.remove(taskManager);
            log("TaskManager killed (SIGKILL) after " + traffic.sent() + " of " + txs.size() + " transactions, "
                    + committedBefore + " alerts committed");
            traffic.sendSlices(3);   // traffic goes on while the job is down
            cluster.add(start("taskmanager-2", conf, cp, "512m",
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf.toString()));
            JsonNode restored = awaitRestored(rest, jobId, Duration.ofSeconds(90));
            assertFalse(restored.path("is_savepoint").asBoolean(), "restored from a checkpoint: " + restored);
            log("job recovered from checkpoint " + restored.path("id").asLong() + " on a new TaskManager");

            traffic.sendSlices(6);
            awaitCheckpoints(rest, jobId, checkpointsCompleted(rest, jobId) + 2, Duration.ofSeconds(60));
            String retained = cancel(rest, jobId, Duration.ofSeconds(60));
            assertTrue(Files.isDirectory(Path.of(URI.create(retained))), "the last checkpoint is retained on cancellation: " + retained);
            log("job cancelled after " + traffic.sent() + " transactions; retained checkpoint " + retained);

            traffic.sendSlices(3);   // arrives while no job runs
            List<String> resume = new ArrayList<>(List.of("run", "-d", "-s", retained, CLUSTER_JAR.toString()));
            resume.addAll(args.subList(3, args.size()));
            String second = submit(conf, cp, "cli-resume", resume);
            JsonNode fromCheckpoint = awaitRestored(rest, second, Duration.ofSeconds(90));
            log("job " + second + " started from the retained checkpoint " + fromCheckpoint.path("external_path").asText());
            traffic.sendAll();

            List<String> committed = awaitAlerts(o, expected.size(), Duration.ofSeconds(60));
            assertNoFailure(rest, second);
            assertEquals(new TreeSet<>(expected), new TreeSet<>(committed), "alerts lost or unexpected");
            assertEquals(expected.size(), committed.size(), "an alert committed twice: " + committed);
            log(committed.size() + " alerts committed, as the engine gives them: none lost, none twice");
        } catch (Throwable t) {
            printTails(test);
            throw t;
        }
    }

    /** The job's command line for the fault test: unbounded, exactly once, checkpoints every second in a directory. */
    private static List<String> faultJobArguments(JobOptions o, Path checkpoints) {
        List<String> args = new ArrayList<>(List.of("run", "-d", CLUSTER_JAR.toString()));
        args.addAll(exactlyOnceOn(o));
        args.addAll(List.of(
                JobOptions.CHECKPOINT_DIR, checkpoints.toUri().toString(),
                JobOptions.OUT_OF_ORDERNESS, "1m",
                JobOptions.IDLENESS, "1s",
                JobOptions.RESTART_DELAY, "1s"));
        return args;
    }

    /** The alert contents the embedded engine gives on the input in event-time order (the backtest's result). */
    private static List<String> engineAlerts(List<PartyProfile> profiles, List<Transaction> txs, Duration lateness) {
        return KafkaTestSupport.engineAlerts(profiles, txs, lateness).stream().map(StandaloneClusterIT::content).toList();
    }

    /** What identifies an alert's content, without its processing time. */
    private static String content(Alert a) {
        return a.getAlertId() + " " + a.getAccountId() + " " + a.getTypology() + " " + a.getScore() + " "
                + a.getSignals().stream().map(sig -> sig.getRuleId() + ":" + sig.getEvidenceTxIds()).sorted().toList();
    }

    /** Transactions sent to Kafka in slices, in event-time order, with a pause between slices. */
    private static final class Traffic {
        private final String topic;
        private final List<Transaction> txs;
        private final int slices;
        private int next;

        Traffic(String topic, List<Transaction> txs, int slices) {
            this.topic = topic;
            this.txs = txs;
            this.slices = slices;
        }

        void sendSlices(int n) {
            for (int i = 0; i < n && next < txs.size(); i++) {
                int to = Math.min(txs.size(), next + (txs.size() + slices - 1) / slices);
                KafkaTestSupport.produce(kafka.bootstrapServers(), topic, txs.subList(next, to), v -> ((Transaction) v).getTxId());
                next = to;
                sleep(300);
            }
        }

        void sendAll() {
            sendSlices(Integer.MAX_VALUE);
        }

        int sent() {
            return next;
        }
    }

    private String submit(Path conf, List<String> cp, String name, List<String> args) throws Exception {
        Process cli = start(name, conf, cp, "256m", "org.apache.flink.client.cli.CliFrontend", args.toArray(String[]::new));
        assertTrue(cli.waitFor(90, TimeUnit.SECONDS), "the CLI returns after a detached submission");
        String out = Files.readString(logs.get(name));
        assertEquals(0, cli.exitValue(), "CLI exit code; output:\n" + tail(out, 60));
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(out);
        assertTrue(m.find(), "the CLI prints the job id:\n" + tail(out, 60));
        return m.group(1);
    }

    private static int checkpointsCompleted(String rest, String jobId) {
        JsonNode c = getJson(rest + "/jobs/" + jobId + "/checkpoints");
        return c == null ? 0 : c.path("counts").path("completed").asInt();
    }

    private void awaitCheckpoints(String rest, String jobId, int completed, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            if (checkpointsCompleted(rest, jobId) >= completed) {
                return;
            }
            Thread.sleep(200);
        }
        fail(completed + " checkpoints did not complete within " + timeout + " (" + checkpointsCompleted(rest, jobId) + ")");
    }

    /** Waits until the job runs again after a restore; returns the restore's details. */
    private JsonNode awaitRestored(String rest, String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            JsonNode job = getJson(rest + "/jobs/" + jobId);
            JsonNode c = getJson(rest + "/jobs/" + jobId + "/checkpoints");
            JsonNode restored = c == null ? null : c.path("latest").path("restored");
            if (job != null && "RUNNING".equals(job.path("state").asText()) && restored != null && restored.isObject()
                    && restored.has("id")) {
                return restored;
            }
            if (job != null && ("FAILED".equals(job.path("state").asText()) || "CANCELED".equals(job.path("state").asText()))) {
                fail("the job ended " + job.path("state").asText());
            }
            Thread.sleep(250);
        }
        fail("the job did not restore from a checkpoint within " + timeout);
        return null;
    }

    /** Cancels a job; returns the path of its latest checkpoint, which must be retained. */
    private String cancel(String rest, String jobId, Duration timeout) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), "cancel: " + r.body());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = getJson(rest + "/jobs/" + jobId);
            if (job != null && "CANCELED".equals(job.path("state").asText())) {
                JsonNode latest = getJson(rest + "/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
                assertTrue(latest.has("external_path"), "a completed checkpoint: " + latest);
                return latest.path("external_path").asText();
            }
            Thread.sleep(250);
        }
        fail("the job was not cancelled within " + timeout);
        return null;
    }

    private void assertNoFailure(String rest, String jobId) {
        JsonNode exceptions = getJson(rest + "/jobs/" + jobId + "/exceptions");
        JsonNode history = exceptions == null ? null : exceptions.path("exceptionHistory").path("entries");
        if (history != null && history.size() > 0) {
            fail("the resumed job failed: " + tail(history.get(0).path("stacktrace").asText(), 40));
        }
    }

    /** Reads the committed alerts until there are {@code expected} of them and no more arrive for a few seconds. */
    private static List<String> awaitAlerts(JobOptions o, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> alerts = List.of();
        while (System.nanoTime() < deadline) {
            alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class).stream()
                    .map(StandaloneClusterIT::content).toList();
            if (alerts.size() >= expected) {
                sleep(3000);   // a few more checkpoints: an alert committed twice would show now
                return KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class).stream()
                        .map(StandaloneClusterIT::content).toList();
            }
            sleep(1000);
        }
        return alerts;
    }

    // ---- traffic and checks (the data of JobIntegrationTest) ----

    private static void produceTraffic(JobOptions o) throws Exception {
        kafka.createTopics(new Topics(o).all(), 2);
        List<Transaction> txs = new ArrayList<>(JobIntegrationTest.plantedDeposits("CY-RING-1"));
        txs.addAll(JobIntegrationTest.benign("CY-SAL-1"));
        txs.addAll(JobIntegrationTest.benign("CY-SAL-2"));
        txs.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, txs, v -> ((Transaction) v).getTxId());
    }

    /** The job's command line for the test topics: bounded, parallelism 2, short checkpoints. */
    private static List<String> jobArguments(JobOptions o) {
        // exactly once, as deployed: the alert is committed by the final checkpoint of the bounded run
        List<String> args = new ArrayList<>(exactlyOnceOn(o));
        args.addAll(List.of(
                JobOptions.OUT_OF_ORDERNESS, "10m",
                JobOptions.IDLENESS, "1s",
                JobOptions.BOUNDED));
        return args;
    }

    /** The options both jobs share: the test topics and group, parallelism 2, exactly once, checkpoints every second. */
    private static List<String> exactlyOnceOn(JobOptions o) {
        return List.of(
                JobOptions.BOOTSTRAP_SERVERS, o.bootstrapServers,
                JobOptions.TRANSACTIONS_TOPIC, o.transactionsTopic,
                JobOptions.PROFILES_TOPIC, o.profilesTopic,
                JobOptions.CONTROL_TOPIC, o.controlTopic,
                JobOptions.ALERTS_TOPIC, o.alertsTopic,
                JobOptions.DEAD_LETTER_TOPIC, o.deadLetterTopic,
                JobOptions.CONTROL_RESULTS_TOPIC, o.controlResultsTopic,
                JobOptions.SUPPRESSED_TOPIC, o.suppressedTopic,
                JobOptions.GROUP_ID, o.groupId,
                JobOptions.TRANSACTIONAL_ID_PREFIX, o.transactionalIdPrefix,
                JobOptions.PARALLELISM, "2",
                JobOptions.DELIVERY_GUARANTEE, JobOptions.Guarantee.EXACTLY_ONCE.name(),
                JobOptions.CHECKPOINT_INTERVAL, "1s");
    }

    private static void assertAlerts(JobOptions o) {
        List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class);
        assertEquals(List.of(), dead.stream().map(DeadLetter::getReason).toList(), "no dead letters for valid records");
        // the job reports FINISHED as its last Kafka transactions commit: give the commit a moment to become visible
        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        for (long deadline = System.currentTimeMillis() + 20_000; alerts.isEmpty() && System.currentTimeMillis() < deadline; ) {
            sleep(500);
            alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        }
        assertEquals(1, alerts.size(), "one alert (the planted account), none for the benign ones: " + alerts);
        assertEquals("CY-RING-1", alerts.get(0).getAccountId());
        assertEquals(Typology.SEXUAL_EXPLOITATION, alerts.get(0).getTypology());
        assertTrue(alerts.get(0).getSignals().size() >= 2, alerts.toString());
    }

    // ---- the cluster ----

    private static void writeConfig(Path conf, int restPort, int rpcPort) throws IOException {
        String avroOpt = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + AVRO_PACKAGES;
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "# Written by StandaloneClusterIT. The JVMs are started by the test, not by Flink's scripts: the",
                "# env.java.* options below are what the scripts would add, and the test passes them itself.",
                "env:",
                "  java:",
                "    opts:",
                "      all: " + avroOpt,
                "jobmanager:",
                "  bind-host: localhost",
                "  rpc:",
                "    address: localhost",
                "    port: " + rpcPort,
                "taskmanager:",
                "  bind-host: localhost",
                "  host: localhost",
                "  numberOfTaskSlots: 2",
                "  cpu:",
                "    cores: 2",
                "  memory:",
                "    # a hand-started TaskManager needs every component (Flink's scripts compute them from process.size)",
                "    framework:",
                "      heap:",
                "        size: 128m",
                "      off-heap:",
                "        size: 64m",
                "    jvm-metaspace:",
                "      size: 192m",
                "    jvm-overhead:",
                "      min: 128m",
                "      max: 128m",
                "    task:",
                "      heap:",
                "        size: 256m",
                "      off-heap:",
                "        size: 0m",
                "    network:",
                "      min: 64m",
                "      max: 64m",
                "    managed:",
                "      size: 64m",
                "heartbeat:",
                "  # a killed TaskManager is noticed in seconds (defaults: 10 s interval, 50 s timeout)",
                "  interval: 1000",
                "  timeout: 6000",
                "rest:",
                "  address: localhost",
                "  bind-address: localhost",
                "  port: " + restPort,
                "parallelism:",
                "  default: 1",
                "classloader:",
                "  resolve:",
                "    order: child-first",
                ""), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.name = out",
                "appender.out.type = Console",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "logger.akka.name = org.apache.pekko",
                "logger.akka.level = WARN",
                ""), StandardCharsets.UTF_8);
    }

    /** This JVM's classpath filtered down to what a Flink distribution has on its classpath. */
    static List<String> flinkClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && !e.endsWith("-tests.jar"))
                .filter(e -> {
                    String path = e.replace('\\', '/');
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (path.contains("/org/apache/flink/")) {
                        return name.startsWith("flink-") && NOT_FLINK_RUNTIME.stream().noneMatch(name::startsWith);
                    }
                    return FLINK_RUNTIME_THIRD_PARTY.stream().anyMatch(path::contains);
                })
                .collect(Collectors.toList());
    }

    private static List<String> moduleFlags() {
        List<String> flags = new ArrayList<>();
        for (String e : System.getProperty("htscreen.add-exports", "").trim().split("\\s+")) {
            if (!e.isEmpty()) {
                flags.add("--add-exports=" + e + "=ALL-UNNAMED");
            }
        }
        for (String o : System.getProperty("htscreen.add-opens", "").trim().split("\\s+")) {
            if (!o.isEmpty()) {
                flags.add("--add-opens=" + o + "=ALL-UNNAMED");
            }
        }
        return flags;
    }

    /** Starts a Flink JVM the way Flink's scripts would: module flags, env.java.opts.all, log4j config, classpath. */
    private Process start(String name, Path conf, List<String> classpath, String heap, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.add("-Xmx" + heap);
        cmd.addAll(FAST_START);
        cmd.addAll(moduleFlags());
        cmd.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + AVRO_PACKAGES);   // env.java.opts.all of config.yaml
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j2.properties").toUri());
        cmd.add("-Dlog.file=" + DIR.resolve(name + ".log"));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return start(name, cmd, Map.of("FLINK_CONF_DIR", conf.toString()));
    }

    private Process start(String name, List<String> cmd, Map<String, String> env) throws IOException {
        Path out = DIR.resolve(name + ".out");
        Files.writeString(out, String.join(" ", cmd) + "\n\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        PROCESSES.add(p);
        logs.put(name, out);
        return p;
    }

    private void awaitSlots(String rest, int slots, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            JsonNode overview = getJson(rest + "/overview");
            if (overview != null && overview.path("slots-total").asInt() >= slots) {
                return;
            }
            Thread.sleep(250);
        }
        fail("the cluster did not offer " + slots + " slots within " + timeout);
    }

    /** Waits until the job is FINISHED; fails at once if it fails or records an exception (it would restart). */
    private void awaitFinished(String rest, String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "?";
        while (System.nanoTime() < deadline) {
            assertAlive();
            JsonNode job = getJson(rest + "/jobs/" + jobId);
            state = job == null ? "?" : job.path("state").asText();
            if ("FINISHED".equals(state)) {
                return;
            }
            JsonNode exceptions = getJson(rest + "/jobs/" + jobId + "/exceptions");
            JsonNode history = exceptions == null ? null : exceptions.path("exceptionHistory").path("entries");
            if (history != null && history.size() > 0) {
                fail("the job failed (state " + state + "): " + tail(history.get(0).path("stacktrace").asText(), 40));
            }
            if ("FAILED".equals(state) || "CANCELED".equals(state)) {
                fail("the job ended " + state);
            }
            Thread.sleep(500);
        }
        fail("the job did not finish within " + timeout + " (state " + state + ")");
    }

    private void assertAlive() {
        for (Process p : cluster) {
            if (!p.isAlive()) {
                fail("a cluster process exited with " + p.exitValue());
            }
        }
    }

    private static JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;   // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void killAll() {
        for (Process p : PROCESSES) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        PROCESSES.clear();
    }

    private void log(String what) {
        System.out.printf("[StandaloneClusterIT] %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private void printTails(TestInfo test) {
        System.err.println("==== " + test.getDisplayName() + " failed; process output under " + DIR.toAbsolutePath());
        logs.forEach((name, file) -> {
            try {
                System.err.println("---- " + name + " (" + file + "), last lines:");
                System.err.println(tail(Files.readString(file, StandardCharsets.UTF_8), 80));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
