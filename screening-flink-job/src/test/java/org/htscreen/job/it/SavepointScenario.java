package org.htscreen.job.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;

/**
 * The traffic and the job runs of the savepoint compatibility fixtures (src/test/resources/savepoints): a small
 * deterministic sample (profiles, then transactions in event-time order) cut in two. The first part runs on an
 * unbounded job that is stopped with a savepoint (the fixture); a later release restores that savepoint, reads the
 * second part from the offsets in it and is stopped with a drained savepoint, which screens what is still held.
 * The topics have the same names and the records the same partitions and offsets in both runs, so the offsets in
 * the fixture point at the second part.
 */
final class SavepointScenario {

    /** Prefix of the topics, group and transactional ids of both runs. */
    static final String PREFIX = "savepoint";
    /** Partitions of every topic (the fixture's source offsets are per partition). */
    static final int PARTITIONS = 2;
    /** The sample: seed 42, 60 benign customers, 60 days, one ring of each scenario. */
    static final SampleConfig CONFIG = SampleConfig.small().withBenignCustomers(60);
    /** The first part ends before this day of the sample (the fixture's state holds 40 days of history). */
    static final int CUT_DAY = 40;
    /** The file, next to the savepoint, with the alerts the first run published (one content line each). */
    static final String ALERTS_FILE = "alerts-before-savepoint.txt";
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Sample sample = SampleTraffic.generate(CONFIG);

    List<PartyProfile> profiles() {
        return sample.profiles();
    }

    List<Transaction> all() {
        return sample.transactions();
    }

    List<Transaction> first() {
        return all().stream().filter(t -> t.getEventTime().isBefore(cut())).toList();
    }

    List<Transaction> second() {
        return all().stream().filter(t -> !t.getEventTime().isBefore(cut())).toList();
    }

    private java.time.Instant cut() {
        return CONFIG.start().plus(Duration.ofDays(CUT_DAY));
    }

    /** The options of both runs: unbounded, 5 minutes out of order, the job's default idleness. */
    static JobOptions options(String bootstrap) {
        JobOptions o = KafkaTestSupport.options(bootstrap, PREFIX);
        o.maxOutOfOrderness = Duration.ofMinutes(5);
        o.idleness = new JobOptions().idleness;
        return o;
    }

    /** Creates the topics and writes the profiles and the given transactions (each by its key's partition). */
    static void feed(String bootstrap, JobOptions o, List<PartyProfile> profiles, List<Transaction> txs,
            org.htscreen.job.local.EmbeddedKafka kafka) throws Exception {
        kafka.createTopics(new Topics(o).all(), PARTITIONS);
        KafkaTestSupport.produce(bootstrap, o.profilesTopic, profiles, p -> ((PartyProfile) p).getPartyId());
        KafkaTestSupport.produce(bootstrap, o.transactionsTopic, txs, t -> ((Transaction) t).getTxId());
    }

    /**
     * Starts the job with the bundled rules and the state backend of the options, restored from a savepoint unless
     * it is null.
     */
    static JobClient start(JobOptions o, Path savepoint) throws Exception {
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND,
                o.stateBackend == JobOptions.StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("savepoint scenario");
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint.toUri().toString(), false));
        }
        return env.executeAsync(graph);
    }

    /**
     * Waits until the job's group has committed (on a completed checkpoint) the end offsets of the transactions and
     * profiles topics: everything written is then in the job's state or behind it.
     */
    static void awaitConsumed(JobClient job, String bootstrap, JobOptions o, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = Stream.of(o.transactionsTopic, o.profilesTopic)
                    .flatMap(t -> java.util.stream.IntStream.range(0, PARTITIONS).mapToObj(i -> new TopicPartition(t, i)))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(o.groupId).partitionsToOffsetAndMetadata().get();
                boolean done = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                org.apache.flink.api.common.JobStatus status = job.getJobStatus().get();
                if (status.isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();   // throws the job's failure
                    throw new IllegalStateException("the job ended (" + status + ") before consuming its input");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job (" + status + ") did not consume its input in " + timeout
                            + ": end " + end + ", committed " + committed);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Stops the job with a canonical savepoint in a new directory under {@code parent}; with {@code drain} the job
     * first advances to the end of event time (every held transaction is screened). Returns the savepoint's
     * directory and the job's result (its accumulators).
     */
    static Stopped stop(JobClient job, boolean drain, Path parent) throws Exception {
        String path = job.stopWithSavepoint(drain, parent.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        JobExecutionResult result = job.getJobExecutionResult().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new Stopped(Path.of(java.net.URI.create(path.startsWith("file:") ? path : "file:" + path)), result);
    }

    /** A stopped job: its savepoint and its result. */
    record Stopped(Path savepoint, JobExecutionResult result) {
        long late() {
            Object n = result.getAllAccumulatorResults().get(AccountScreening.LATE_TRANSACTIONS);
            return n == null ? 0L : ((Number) n).longValue();
        }
    }

    /** Copies a savepoint directory's files (no sub-directories in a canonical savepoint) into another. */
    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
