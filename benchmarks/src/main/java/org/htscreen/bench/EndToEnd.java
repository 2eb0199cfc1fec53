package org.htscreen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.htscreen.job.DurationConverter;
import org.htscreen.job.JobOptions;
import org.htscreen.job.JobOptions.Guarantee;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.JobOptions.StateBackend;
import org.htscreen.job.local.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End to end on a real broker: loads the workload into the transactions topic first, then (1) the raw
 * consume → produce pipe ({@link RawPipe}), (2) the screening job from the earliest offset to the end, for each
 * delivery guarantee and state backend ({@link JobRun}), (3) event-to-alert latency at half the measured maximum,
 * at least once ({@link LatencyRun}). The job runs on a local Flink environment in this JVM; the broker runs in a
 * JVM of its own by default.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true, description = "End to end: raw pipe, job runs, latency.")
public final class EndToEnd implements Callable<Integer> {

    public static final String STEP = "e2e";
    static final String TRANSACTIONS = "transactions";
    static final String PROFILES = "party-profiles";
    static final String RAW_OUT = "raw-pipe-out";
    static final String LATENCY_PREFIX = "latency-";
    /** Key prefix of the unrecorded warm-up runs' topics and figures. */
    static final String WARMUP = "warmup";

    /** Where the broker runs. */
    enum BrokerMode { PROCESS, IN_PROCESS }

    /** One job run: delivery guarantee, state backend and screening order ({@code EVENT_TIME} unless named). */
    record Variant(Guarantee guarantee, StateBackend backend, ScreeningOrder order) {
        static Variant parse(String s) {
            String[] p = s.split(":");
            return new Variant(Guarantee.valueOf(p[0].trim().toUpperCase(Locale.ROOT)),
                    StateBackend.valueOf(p[1].trim().toUpperCase(Locale.ROOT)),
                    p.length > 2 ? ScreeningOrder.valueOf(p[2].trim().toUpperCase(Locale.ROOT)) : ScreeningOrder.EVENT_TIME);
        }

        String key() {
            return (guarantee == Guarantee.EXACTLY_ONCE ? "eo" : "alo") + "_" + backend.name().toLowerCase(Locale.ROOT)
                    + (order == ScreeningOrder.ARRIVAL ? ARRIVAL_SUFFIX : "");
        }
    }

    /** Key suffix of a job run in arrival order. */
    static final String ARRIVAL_SUFFIX = "_arrival";

    @Option(names = "--data", defaultValue = "bench-data", description = "Directory of the workload (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism = partitions of the input topics (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Checkpoint interval (default ${DEFAULT-VALUE}, the job's).")
    Duration checkpointInterval;

    @Option(names = "--variants", split = ",", defaultValue = "EXACTLY_ONCE:HASHMAP,AT_LEAST_ONCE:HASHMAP,EXACTLY_ONCE:ROCKSDB,AT_LEAST_ONCE:ROCKSDB",
            description = "Job runs, GUARANTEE:BACKEND[:ORDER] (ORDER EVENT_TIME, the job's default, or ARRIVAL), in this order (default ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = "--broker", defaultValue = "PROCESS", description = "Where the broker runs: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    BrokerMode broker;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "Heap of the broker JVM (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--latency-warmup", defaultValue = "20s", converter = DurationConverter.class,
            description = "Feeding before latencies count (default ${DEFAULT-VALUE}).")
    Duration latencyWarmup;

    @Option(names = "--latency-measure", defaultValue = "30s", converter = DurationConverter.class,
            description = "Feeding while latencies count; 0s skips the latency run (default ${DEFAULT-VALUE}).")
    Duration latencyMeasure;

    @Option(names = "--latency-orders", split = ",", defaultValue = "ARRIVAL,EVENT_TIME",
            description = "Screening orders of the latency runs, in this order; the first one's figures are the headline (default ${DEFAULT-VALUE}).")
    List<ScreeningOrder> latencyOrders;

    @Option(names = "--latency-buffer-timeout", defaultValue = "5ms", converter = DurationConverter.class,
            description = "Network buffer timeout of the latency runs (the job's default is 100ms; default ${DEFAULT-VALUE}).")
    Duration latencyBufferTimeout;

    @Option(names = "--object-reuse", split = ",", arity = "1", defaultValue = "true",
            description = "Object reuse of the job runs (ADR 0022); two values (true,false) run each variant with both, in"
                    + " that order, the figures of false named <variant>_copying_* (default ${DEFAULT-VALUE}).")
    List<Boolean> objectReuse;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Times every job run (variants x object reuse) is repeated, interleaved; the figures of round N > 1"
                    + " are named <key>_roundN (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-runs", defaultValue = "1",
            description = "Unrecorded job runs (the first variant) before the measured ones, so that no measured run pays"
                    + " the JVM's JIT compilation of the job and the engine: without one, the first variant's figures are a"
                    + " cold JVM's (default ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--latency-rate", defaultValue = "0",
            description = "Transactions per second fed in the latency run; 0: half the at-least-once heap run's rate (default ${DEFAULT-VALUE}).")
    long latencyRate;

    @Override
    public Integer call() throws Exception {
        Figures f = measure();
        f.write(results);
        Bench.say("e2e: raw %s tx/s; job %s tx/s (ratio %s); latency p50 %s ms, p99 %s ms (%s samples)",
                f.get("raw_tps"), f.get("e2e_tps"), f.get("ratio"), f.get("latency_p50_ms"), f.get("latency_p99_ms"),
                f.get("latency_samples"));
        return 0;
    }

    Figures measure() throws Exception {
        Workload w = new Workload(data);
        if (!w.exists()) {
            throw new IllegalStateException("no workload in " + data + " (run 'generate' first)");
        }
        Files.createDirectories(results);
        Figures f = new Figures(STEP).withMachine();
        List<Variant> runs = variants.stream().map(Variant::parse).toList();
        try (Broker b = broker == BrokerMode.PROCESS ? Broker.process(brokerHeap, results.resolve("broker.log"))
                : Broker.inProcess()) {
            String servers = b.bootstrapServers();
            List<NewTopic> topics = new ArrayList<>(List.of(topic(TRANSACTIONS), topic(PROFILES), topic(RAW_OUT),
                    topic("control"), topic("control-results")));
            for (ScreeningOrder order : latencyOrders) {
                String prefix = latencyTopicPrefix(order);
                topics.add(topic(prefix + "transactions"));
                topics.add(topic(prefix + "alerts").configs(Map.of("message.timestamp.type", "LogAppendTime")));
                topics.add(topic(prefix + "dead-letters"));
            }
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            for (int round = 1; round <= rounds; round++) {
                for (Variant v : runs) {
                    for (boolean reuse : objectReuse) {
                        keys.add(runKey(v, reuse, round));
                    }
                }
            }
            for (int i = 1; i <= warmupRuns; i++) {
                keys.add(WARMUP + i);
            }
            for (String key : keys) {
                topics.add(topic("alerts-" + key));
                topics.add(topic("dead-letters-" + key));
            }
            create(servers, topics);
            f.put("broker", b.where());
            f.put("partitions", parallelism);
            f.put("parallelism", parallelism);
            f.put("checkpoint_interval", checkpointInterval.toMillis() / 1000.0 + " s");
            f.put("checkpoint_storage", "filesystem (local disk)");
            f.put("rules", org.htscreen.core.rules.RuleSet.bundled().catalogue().rules().size());

            Bench.say("e2e: loading %s into Kafka at %s ...", w.transactions(), servers);
            KafkaLoad.Loaded loaded = KafkaLoad.load(w, servers, TRANSACTIONS, PROFILES);
            f.put("records", loaded.transactions());
            f.put("profiles", loaded.profiles());
            f.put("record_bytes", loaded.recordBytes());
            f.put("load_tps", Math.round(loaded.transactions() / loaded.seconds()));

            double brokerCpu0 = b.cpuSeconds();
            long cpu0 = JobRun.processCpuNanos();
            RawPipe.Result raw = RawPipe.run(servers, TRANSACTIONS, RAW_OUT, parallelism);
            f.put("raw_records", raw.records());
            f.put("raw_seconds", raw.seconds());
            f.put("raw_tps", raw.tps());
            f.put("raw_threads", parallelism);
            f.put("raw_cpu_s", (JobRun.processCpuNanos() - cpu0) / 1e9);
            f.put("raw_broker_cpu_s", b.cpuSeconds() - brokerCpu0);
            Bench.say("e2e: raw pipe %d records in %.1f s: %d tx/s", raw.records(), raw.seconds(), raw.tps());
            if (raw.records() != loaded.transactions()) {
                throw new IllegalStateException("raw pipe copied " + raw.records() + " of " + loaded.transactions() + " records");
            }

            for (int i = 1; i <= warmupRuns && !runs.isEmpty(); i++) {
                String key = WARMUP + i;
                JobOptions o = jobOptions(servers, runs.get(0), objectReuse.get(0), key);
                JobRun.Result r = JobRun.run(o, b, results.resolve("checkpoints"));
                f.put(key + "_variant", runs.get(0).key());
                f.put(key + "_cpu_us_per_tx", Math.round(r.cpuSeconds() * 1e6 / Math.max(1, r.records())));
                Bench.say("e2e: warm-up run %d (%s, not recorded): %d tx/s, %.0f us CPU per tx; load %s", i,
                        runs.get(0).key(), r.tps(), r.cpuSeconds() * 1e6 / Math.max(1, r.records()), Conditions.load());
            }
            for (int round = 1; round <= rounds; round++) {
              for (Variant v : runs) {
                for (boolean reuse : objectReuse) {
                    String key = runKey(v, reuse, round);
                    JobOptions o = jobOptions(servers, v, reuse, key);
                    JobRun.Result r = JobRun.run(o, b, results.resolve("checkpoints"));
                    String k = key + "_";
                    f.put(k + "object_reuse", reuse);
                    f.put(k + "tps", r.tps());
                    f.put(k + "seconds", r.seconds());
                    f.put(k + "total_seconds", r.totalSeconds());
                    f.put(k + "records", r.records());
                    f.put(k + "alerts", r.alerts());
                    f.put(k + "dead_letters", r.deadLetters());
                    f.put(k + "late_sides", r.lateSides());
                    f.put(k + "undecided_at_end", r.openAtEnd());
                    f.put(k + "decided_after_ms", r.decidedMillis());
                    Files.write(results.resolve("alerts-" + key + ".txt"), r.alertKeys());
                    Files.write(results.resolve("alerts-" + key + "-uncommitted.txt"), r.uncommittedKeys());
                    f.put(k + "cpu_s", r.cpuSeconds());
                    f.put(k + "broker_cpu_s", r.brokerCpuSeconds());
                    f.put(k + "load_average", Conditions.load());
                    r.cpuByThreads().forEach((group, seconds) -> f.put(k + "cpu_" + group + "_s", round2(seconds)));
                    f.put(k + "cpu_startup_threads_s", round2(r.startupThreadCpu()));
                    Bench.say("e2e: job %s, %s%s: %d tx in %.1f s (%.1f s with start-up): %d tx/s, %d alerts (%d read uncommitted), %d late account sides; %d alert records undecided at the end (%d ms); %.1f s CPU (%.0f us per tx); load %s",
                            v.guarantee(), v.backend(), reuse ? "" : ", copying (no object reuse)", r.records(), r.seconds(), r.totalSeconds(), r.tps(), r.alerts(),
                            r.uncommittedKeys().size(), r.lateSides(), r.openAtEnd(), r.decidedMillis(), r.cpuSeconds(),
                            r.cpuSeconds() * 1e6 / Math.max(1, r.records()), Conditions.load());
                    if (!r.cpuByThreads().isEmpty()) {
                        Bench.say("e2e:   CPU by thread from the first record, us per tx: %s; start-up %.1f s; most of the rest: %s",
                                perTx(r), r.startupThreadCpu(), r.restTop());
                    }
                    if (r.records() != loaded.transactions()) {
                        throw new IllegalStateException("job " + key + " decoded " + r.records() + " of " + loaded.transactions());
                    }
                }
              }
            }
            String headline = runs.stream().map(Variant::key).filter("eo_hashmap"::equals).findFirst()
                    .orElse(runs.isEmpty() ? null : runs.get(0).key());
            if (headline != null) {
                long tps = Math.round(f.number(headline + "_tps"));
                f.put("e2e_variant", headline);
                f.put("e2e_tps", tps);
                f.put("ratio", String.format(Locale.ROOT, "%.2f", (double) tps / raw.tps()));
            }

            if (!latencyMeasure.isZero()) {
                long rate = latencyRate > 0 ? latencyRate
                        : Math.max(1, Math.round(f.values().containsKey("alo_hashmap_tps") ? f.number("alo_hashmap_tps") / 2
                        : f.number("e2e_tps") / 2));
                for (ScreeningOrder order : latencyOrders) {
                    latency(f, servers, w, rate, order, order == latencyOrders.get(0));
                }
            }
        }
        return f;
    }

    /**
     * One latency run: the job at least once (heap) live while the workload is fed at {@code rate}; figures under the
     * order's own key ({@link #latencyKey}) and, for the headline run, also as {@code latency_...}.
     */
    private void latency(Figures f, String servers, Workload w, long rate, ScreeningOrder order, boolean headline)
            throws Exception {
        String prefix = latencyTopicPrefix(order);
        JobOptions o = options(servers, new Variant(Guarantee.AT_LEAST_ONCE, StateBackend.HASHMAP, order));
        o.transactionsTopic = prefix + "transactions";
        o.alertsTopic = prefix + "alerts";
        o.deadLetterTopic = prefix + "dead-letters";
        o.groupId = "bench-" + prefix + "job";
        o.idleness = Duration.ofSeconds(2);   // as bin/demo: the idle profile input must not hold event time back
        o.bufferTimeout = latencyBufferTimeout;
        Bench.say("e2e: latency run (%s order) at %d tx/s for %d s (+%d s warm-up) ...", order, rate,
                latencyMeasure.toSeconds(), latencyWarmup.toSeconds());
        LatencyRun.Result l = LatencyRun.run(o, w, rate, latencyWarmup, latencyMeasure, results.resolve("checkpoints"));
        String own = latencyKey(order) + "_";
        for (String k : headline ? List.of("latency_", own) : List.of(own)) {
            f.put(k + "order", order.name());
            f.put(k + "rate", l.rate());
            f.put(k + "sent", l.sent());
            f.put(k + "achieved_tps", Math.round(l.sent() / l.sendSeconds()));
            f.put(k + "samples", l.samples());
            f.put(k + "p50_ms", l.p50());
            f.put(k + "p99_ms", l.p99());
            f.put(k + "max_ms", l.max());
            f.put(k + "backlog", l.backlog());
            f.put(k + "idleness", "2 s");
            f.put(k + "buffer_timeout", latencyBufferTimeout.toMillis() + " ms");
            f.put(k + "watermark_interval", o.watermarkInterval.toMillis() + " ms");
            f.put(k + "out_of_orderness", o.maxOutOfOrderness.toSeconds() + " s");
            f.put(k + "load_average", Conditions.load());
        }
    }

    /** A bounded job run's options: its own output topics, consumer group and transactional ids. */
    private JobOptions jobOptions(String servers, Variant v, boolean reuse, String key) {
        JobOptions o = options(servers, v);
        o.objectReuse = reuse;
        o.bounded = true;
        o.alertsTopic = "alerts-" + key;
        o.deadLetterTopic = "dead-letters-" + key;
        o.groupId = "bench-" + key;
        return o;
    }

    /** The run's CPU by thread group as microseconds per transaction, e.g. {@code screening 61, jit 12, ...}. */
    private static String perTx(JobRun.Result r) {
        StringBuilder b = new StringBuilder();
        r.cpuByThreads().forEach((group, seconds) -> b.append(b.length() == 0 ? "" : ", ").append(group).append(' ')
                .append(Math.round(seconds * 1e6 / Math.max(1, r.records()))));
        return b.toString();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Figure key of one job run: the variant's, {@code _copying} without object reuse, {@code _roundN} after the first round. */
    static String runKey(Variant v, boolean reuse, int round) {
        return v.key() + (reuse ? "" : "_copying") + (round > 1 ? "_round" + round : "");
    }

    private static String latencyTopicPrefix(ScreeningOrder order) {
        return LATENCY_PREFIX + order.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-";
    }

    /** Figure key of a latency run in one order, e.g. {@code latency_event_time}. */
    static String latencyKey(ScreeningOrder order) {
        return "latency_" + order.name().toLowerCase(Locale.ROOT);
    }

    private JobOptions options(String servers, Variant v) {
        JobOptions o = new JobOptions();
        o.bootstrapServers = servers;
        o.transactionsTopic = TRANSACTIONS;
        o.profilesTopic = PROFILES;
        o.controlTopic = "control";
        o.controlResultsTopic = "control-results";
        o.parallelism = parallelism;
        o.checkpointInterval = checkpointInterval;
        o.deliveryGuarantee = v.guarantee();
        o.stateBackend = v.backend();
        o.screeningOrder = v.order();
        o.transactionalIdPrefix = "bench-" + v.key() + "-" + System.currentTimeMillis();
        return o;
    }

    private NewTopic topic(String name) {
        return new NewTopic(name, parallelism, (short) 1);
    }

    private static void create(String servers, List<NewTopic> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics).all().get();
            // the load writes at once: wait until the broker leads every new partition (see EmbeddedKafka.awaitLeaders)
            EmbeddedKafka.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
        }
    }
}
