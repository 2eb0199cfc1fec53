package org.htscreen.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.workbench.AlertRow;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;

/**
 * One bounded run of the screening job ({@link ScreeningPipeline}, the bundled rules) on a local Flink
 * environment in this JVM, from the earliest offset to the topics' end offsets. The sustained rate counts from
 * the first transaction the job decoded (so start-up, rule compilation included, is left out) to the end of the
 * job (the last alerts written and, exactly once, committed).
 */
final class JobRun {

    record Result(long records, double seconds, double totalSeconds, long alerts, long deadLetters, double cpuSeconds,
            double brokerCpuSeconds, long lateSides, long openAtEnd, long decidedMillis, List<String> alertKeys,
            List<String> uncommittedKeys, Map<String, Double> cpuByThreads, double startupThreadCpu, String restTop) {
        long tps() {
            return Math.round(records / seconds);
        }
    }

    private JobRun() {
    }

    static Result run(JobOptions o, Broker broker, java.nio.file.Path checkpoints) throws Exception {
        JobClock.reset();
        double brokerCpu0 = broker.cpuSeconds();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        JobExecutionResult done;
        long end;
        ThreadCpu threads = ThreadCpu.start(() -> JobClock.firstNanos() != Long.MAX_VALUE);
        try (threads) {
            StreamExecutionEnvironment env = JobEnvironment.create(o, checkpoints);
            ScreeningPipeline.build(env, o, RuleSource.bundled(),
                    s -> s.map(new JobClock()).returns(new AvroTypeInfo<>(Transaction.class)).name("bench: first-record clock"));
            done = env.execute(ScreeningJob.JOB_NAME + " (benchmark)");
            end = System.nanoTime();
        }
        long first = JobClock.firstNanos();
        if (first == Long.MAX_VALUE) {
            throw new IllegalStateException("the job decoded no transaction");
        }
        Object late = done.getAccumulatorResult(AccountScreening.LATE_TRANSACTIONS);
        long openAtEnd = undecided(o.bootstrapServers, o.alertsTopic);
        long w0 = System.nanoTime();
        awaitDecided(o.bootstrapServers, o.alertsTopic, Duration.ofSeconds(60));
        long decidedMillis = (System.nanoTime() - w0) / 1_000_000;
        List<String> keys = alertKeys(o.bootstrapServers, o.alertsTopic, true);
        List<String> uncommitted = alertKeys(o.bootstrapServers, o.alertsTopic, false);
        return new Result(JobClock.count(), (end - first) / 1e9, (end - t0) / 1e9,
                keys.size(), count(o.bootstrapServers, o.deadLetterTopic),
                (processCpuNanos() - cpu0) / 1e9, broker.cpuSeconds() - brokerCpu0,
                late == null ? 0 : ((Number) late).longValue(), openAtEnd, decidedMillis, keys, uncommitted,
                threads.sinceMark(), threads.beforeMark(), threads.restTop(3));
    }

    /** The committed alerts of a topic as sorted keys: account, typology, triggering transaction (as {@code AlertRow.key()}). */
    static List<String> alertKeys(String bootstrapServers, String topic, boolean committed) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = committed ? RawPipe.consumer(bootstrapServers) : uncommittedConsumer(bootstrapServers)) {
            readToEnd(c, topic, r -> keys.add(AlertRow.of(AvroBinary.decode(r.value(), Alert.class)).key()));
        }
        keys.sort(null);
        return keys;
    }

    /** Every partition of a topic. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic)) {
            parts.add(new TopicPartition(topic, p.partition()));
        }
        return parts;
    }

    /** Reads a topic from the beginning to its current end (at most 30 s), handing each record over. */
    private static void readToEnd(KafkaConsumer<byte[], byte[]> c, String topic,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> parts = partitions(c, topic);
        c.assign(parts);
        c.seekToBeginning(parts);
        Map<TopicPartition, Long> end = c.endOffsets(parts);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    /**
     * Records of a topic behind its last stable offset: written in transactions that are not decided yet (sum over
     * partitions of high watermark minus last stable offset). A producer's commit returns before the coordinator
     * has written the commit markers to the partitions, so right after an exactly-once job ends its last
     * transactions may still be undecided, and a read_committed count would miss their records.
     */
    static long undecided(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> committed = RawPipe.consumer(bootstrapServers);
                KafkaConsumer<byte[], byte[]> all = uncommittedConsumer(bootstrapServers)) {
            List<TopicPartition> parts = partitions(committed, topic);
            Map<TopicPartition, Long> hw = all.endOffsets(parts);
            Map<TopicPartition, Long> lso = committed.endOffsets(parts);
            long n = 0;
            for (TopicPartition tp : parts) {
                n += hw.get(tp) - lso.get(tp);
            }
            return n;
        }
    }

    /** Waits until every transaction written to a topic is decided (last stable offset = high watermark). */
    static void awaitDecided(String bootstrapServers, String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long open;
        while ((open = undecided(bootstrapServers, topic)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + ": " + open + " records still in undecided transactions after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Committed records in a topic. */
    static long count(String bootstrapServers, String topic) {
        long[] n = {0};
        try (KafkaConsumer<byte[], byte[]> c = RawPipe.consumer(bootstrapServers)) {
            readToEnd(c, topic, r -> n[0]++);
        }
        return n[0];
    }

    private static KafkaConsumer<byte[], byte[]> uncommittedConsumer(String bootstrapServers) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_uncommitted");
        return new KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
