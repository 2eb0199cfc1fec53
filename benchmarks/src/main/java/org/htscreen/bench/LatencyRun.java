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
import org.apache.kafka.common.PartitionInfo;
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
 * transactions sent during the warm-up (start-up and catching up) are not counted.
 */
final class LatencyRun {

    record Result(long rate, long sent, double sendSeconds, long samples, long p50, long p99, long max,
            long backlog) {
    }

    private LatencyRun() {
    }

    static Result run(JobOptions o, Workload w, long rate, Duration warmup, Duration measure) throws Exception {
        JobClock.reset();
        StreamExecutionEnvironment env = ScreeningJob.environment(o);
        ScreeningPipeline.build(env, o, RuleSource.bundled(),
                s -> s.map(new JobClock()).returns(new AvroTypeInfo<>(Transaction.class)).name("bench: first-record clock"));
        JobClient job = env.executeAsync(ScreeningJob.JOB_NAME + " (latency)");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readAlerts(o, sentAt, latencies, stop), "bench-alert-reader");
        reader.start();
        long sent;
        long t0 = System.nanoTime();
        try {
            sent = feed(o, w, rate, warmup, measure, sentAt);
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            long backlog = sent - JobClock.count();
            TimeUnit.SECONDS.sleep(3);   // the last alerts
            stop.set(true);
            reader.join(10_000);
            long[] l;
            synchronized (latencies) {
                l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return new Result(rate, sent, sendSeconds, l.length, percentile(l, 0.50), percentile(l, 0.99),
                    l.length == 0 ? -1 : l[l.length - 1], backlog);
        } finally {
            stop.set(true);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** Sends at the rate for warm-up + measure; records the send time of transactions sent after the warm-up. */
    private static long feed(JobOptions o, Workload w, long rate, Duration warmup, Duration measure,
            Map<String, Long> sentAt) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long until = measureFrom + measure.toNanos();
        long sent = 0;
        Duration span = Duration.ofDays(Workload.DAYS);
        try (KafkaProducer<byte[], byte[]> producer = KafkaLoad.producer(o.bootstrapServers)) {
            for (int round = 0; System.nanoTime() < until; round++) {
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
                            return sent;
                        }
                        if (due > now) {
                            TimeUnit.NANOSECONDS.sleep(due - now);
                        }
                        if (System.nanoTime() >= measureFrom) {
                            sentAt.put(t.getTxId(), System.currentTimeMillis());
                        }
                        producer.send(new ProducerRecord<>(o.transactionsTopic, KafkaLoad.key(KafkaLoad.accountOf(t)),
                                AvroBinary.encode(t)));
                        sent++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return sent;
    }

    private static void readAlerts(JobOptions o, Map<String, Long> sentAt, List<Long> latencies, AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> c = RawPipe.consumer(o.bootstrapServers)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(o.alertsTopic)) {
                parts.add(new TopicPartition(o.alertsTopic, p.partition()));
            }
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
