package org.htscreen.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.htscreen.avro.Transaction;
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
            double brokerCpuSeconds) {
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
        StreamExecutionEnvironment env = JobEnvironment.create(o, checkpoints);
        ScreeningPipeline.build(env, o, RuleSource.bundled(),
                s -> s.map(new JobClock()).returns(new AvroTypeInfo<>(Transaction.class)).name("bench: first-record clock"));
        env.execute(ScreeningJob.JOB_NAME + " (benchmark)");
        long end = System.nanoTime();
        long first = JobClock.firstNanos();
        if (first == Long.MAX_VALUE) {
            throw new IllegalStateException("the job decoded no transaction");
        }
        return new Result(JobClock.count(), (end - first) / 1e9, (end - t0) / 1e9,
                count(o.bootstrapServers, o.alertsTopic), count(o.bootstrapServers, o.deadLetterTopic),
                (processCpuNanos() - cpu0) / 1e9, broker.cpuSeconds() - brokerCpu0);
    }

    /** Committed records in a topic. */
    static long count(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = RawPipe.consumer(bootstrapServers)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                n += c.poll(Duration.ofMillis(200)).count();
            }
            return n;
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
