package org.htscreen.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;

/**
 * Event-to-alert latency: the job runs live (unbounded) while a rate-limited producer feeds the workload's
 * transactions (round after round, each shifted by 90 days with fresh ids, as {@code bin/demo} does) to an empty
 * transactions topic. Latency of an alert = its record timestamp in the alerts topic (created with
 * {@code message.timestamp.type=LogAppendTime}: the broker's clock when the alert was appended) − the wall-clock
 * time at which the transaction named by its {@code triggeringTxId} was handed to the producer. Alerts of
 * transactions sent during the warm-up (start-up and catching up with the backlog it built) are not counted.
 */
final class LatencyRun {

    /** Latencies in milliseconds; {@code sent} and {@code sendSeconds} of the measured part of the feed. */
    record Result(long rate, long sent, double sendSeconds, long samples, long p50, long p99, long max,
            long backlog) {
    }

    /** How much longer than the warm-up the feed waits for the job to catch up before measuring anyway. */
    static final Duration MAX_CATCH_UP = Duration.ofSeconds(120);

    private LatencyRun() {
    }

    static Result run(JobOptions o, Workload w, long rate, Duration warmup, Duration measure,
            java.nio.file.Path checkpoints) throws Exception {
        JobClock.reset();
        StreamExecutionEnvironment env = JobEnvironment.create(o, checkpoints);
        ScreeningPipeline.build(env, o, RuleSource.bundled(),
                s -> s.map(new JobClock()).returns(new AvroTypeInfo<>(Transaction.class)).name("bench: first-record clock"));
        JobClient job = env.executeAsync(ScreeningJob.JOB_NAME + " (latency)");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readAlerts(o, sentAt, latencies, stop), "bench-alert-reader");
        reader.start();
        try {
            Feed fed = feed(o, w, rate, warmup, measure, sentAt);
            long backlog = fed.total() - JobClock.count();
            TimeUnit.SECONDS.sleep(3);   // the last alerts
            stop.set(true);
            reader.join(10_000);
            long[] l;
            synchronized (latencies) {
                l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return new Result(rate, fed.measured(), fed.seconds(), l.length, percentile(l, 0.50), percentile(l, 0.99),
                    l.length == 0 ? -1 : l[l.length - 1], backlog);
        } finally {
            stop.set(true);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * Sends at the rate: first the warm-up, which lasts at least {@code warmup} and until the job has caught up
     * with the feed (start-up, rule compilation included, builds a backlog; at most {@link #MAX_CATCH_UP} more),
     * then {@code measure}, recording the send time of every transaction sent in it.
     */
    private static Feed feed(JobOptions o, Workload w, long rate, Duration warmup, Duration measure,
            Map<String, Long> sentAt) throws InterruptedException {
        long start = System.nanoTime();
        long warmupEnd = start + warmup.toNanos();
        long giveUp = warmupEnd + MAX_CATCH_UP.toNanos();
        long caughtUp = Math.max(50, rate / 20);
        long measureFrom = Long.MAX_VALUE;
        long until = Long.MAX_VALUE;
        long sent = 0;
        long sentBefore = 0;
        Duration span = Duration.ofDays(Workload.DAYS);
        SendCheck check = new SendCheck();
        try (KafkaProducer<byte[], byte[]> producer = KafkaLoad.producer(o.bootstrapServers)) {
            for (int round = 0; ; round++) {
                Duration shift = span.multipliedBy(round);
                String suffix = round == 0 ? "" : "-r" + round;
                try (DataFileReader<Transaction> r = new DataFileReader<>(w.transactions().toFile(),
                        new SpecificDatumReader<>(Transaction.class))) {
                    while (r.hasNext()) {
                        Transaction t = r.next();
                        if (round > 0) {
                            t.setTxId(t.getTxId() + suffix);
                            t.setEventTime(t.getEventTime().plus(shift));
                        }
                        long due = start + sent * 1_000_000_000L / rate;
                        long now = System.nanoTime();
                        if (now >= until) {
                            producer.flush();
                            check.verify("the latency feed");
                            return new Feed(sent, sent - sentBefore, (now - measureFrom) / 1e9);
                        }
                        if (measureFrom == Long.MAX_VALUE && now >= warmupEnd
                                && (sent - JobClock.count() <= caughtUp || now >= giveUp)) {
                            measureFrom = now;
                            until = now + measure.toNanos();
                            sentBefore = sent;
                        }
                        if (due > now) {
                            TimeUnit.NANOSECONDS.sleep(due - now);
                        }
                        if (measureFrom != Long.MAX_VALUE) {
                            sentAt.put(t.getTxId(), System.currentTimeMillis());
                        }
                        producer.send(new ProducerRecord<>(o.transactionsTopic, KafkaLoad.key(KafkaLoad.accountOf(t)),
                                AvroBinary.encode(t)), check);
                        sent++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** What the measured part of the feed sent. */
    private record Feed(long total, long measured, double seconds) {
    }

    private static void readAlerts(JobOptions o, Map<String, Long> sentAt, List<Long> latencies, AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> c = RawPipe.consumer(o.bootstrapServers)) {
            List<TopicPartition> parts = JobRun.partitions(c, o.alertsTopic);
            c.assign(parts);
            c.seekToBeginning(parts);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    Alert a = AvroBinary.decode(r.value(), Alert.class);
                    Long sent = sentAt.get(a.getTriggeringTxId());
                    if (sent != null) {
                        latencies.add(r.timestamp() - sent);
                    }
                }
            }
        }
    }
}
