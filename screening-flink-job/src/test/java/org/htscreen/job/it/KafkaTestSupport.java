package org.htscreen.job.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.JobOptions;
import org.htscreen.wire.RecordCodec;
import org.htscreen.wire.WireSettings;

/** Producing and reading test records on a real broker. */
final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    /** Job options for a test: its own topics (prefixed), the broker, small intervals, parallelism 2. */
    static JobOptions options(String bootstrap, String prefix) {
        JobOptions o = new JobOptions();
        o.bootstrapServers = bootstrap;
        o.transactionsTopic = prefix + "-transactions";
        o.profilesTopic = prefix + "-profiles";
        o.controlTopic = prefix + "-control";
        o.alertsTopic = prefix + "-alerts";
        o.deadLetterTopic = prefix + "-dead-letters";
        o.controlResultsTopic = prefix + "-control-results";
        o.shadowTopic = prefix + "-shadow-signals";
        o.suppressedTopic = prefix + "-suppressed";
        o.groupId = prefix;
        o.transactionalIdPrefix = prefix;
        o.parallelism = 2;
        o.checkpointInterval = Duration.ofMillis(500);
        o.maxOutOfOrderness = Duration.ofMinutes(10);
        o.idleness = Duration.ofSeconds(1);
        return o;
    }

    /**
     * Options for a bounded replay whose alerts are compared with the engine's: as {@link #options}, with the job's
     * default idleness (30 s) instead of 1 s. With watermarks per partition, a partition whose next fetch takes longer
     * than the idleness (the in-JVM broker or the fetcher starved of CPU on a loaded host) is declared idle, the other
     * partitions' watermark runs ahead of it and its next transactions arrive behind the watermark (screened late, so
     * live and backtest differ). Measured: 129 late of about 6,000 with 1 s under load, none with 30 s.
     */
    static JobOptions replayOptions(String bootstrap, String prefix) {
        JobOptions o = options(bootstrap, prefix);
        o.bounded = true;
        o.idleness = new JobOptions().idleness;
        return o;
    }

    /**
     * Writes records (Avro binary values) or raw bytes to a topic, and fails unless the broker acknowledged every
     * one: a send that fails is reported only to its future, and a test that ignores it runs on missing input.
     */
    static void produce(String bootstrap, String topic, List<?> values, Function<Object, String> key) {
        produce(bootstrap, topic, values, key, v -> null);
    }

    /** As {@link #produce(String, String, List, Function)}, each record to the partition given (null: by its key). */
    static void produce(String bootstrap, String topic, List<?> values, Function<Object, String> key,
            Function<Object, Integer> partition) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");   // a failed send fails the test in seconds
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Object v : values) {
                byte[] bytes = v instanceof byte[] b ? b : AvroBinary.encode((SpecificRecord) v);
                String k = key.apply(v);
                sent.add(producer.send(new ProducerRecord<>(topic, partition.apply(v), k == null ? null : k.getBytes(), bytes)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a test record was not written to " + topic, e.getCause());
            }
        }
    }

    /** The alerts the embedded engine gives on the input in event-time order (the backtest's result). */
    static List<org.htscreen.avro.Alert> engineAlerts(List<org.htscreen.avro.PartyProfile> profiles,
            List<org.htscreen.avro.Transaction> txs, Duration lateness) {
        List<org.htscreen.avro.Alert> alerts = new ArrayList<>();
        try (org.htscreen.core.ScreeningEngine engine = org.htscreen.core.ScreeningEngine.builder().lateness(lateness).build()) {
            profiles.forEach(engine::upsertProfile);
            for (org.htscreen.avro.Transaction t : txs) {
                alerts.addAll(engine.screen(t).alerts());
            }
            alerts.addAll(engine.flush().alerts());
        }
        return alerts;
    }

    /** Every committed record of a topic (read_committed), decoded. */
    static <T extends SpecificRecord> List<T> readAll(String bootstrap, String topic, Class<T> type) {
        return readAll(bootstrap, topic, WireSettings.raw().codec(type));
    }

    /** Every committed record of a topic (read_committed), decoded in a wire format. */
    static <T extends SpecificRecord> List<T> readAll(String bootstrap, String topic, RecordCodec<T> wire) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            Map<TopicPartition, Long> end = decidedEnd(bootstrap, c, parts, deadline);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(wire.decode(r.value()));
                }
            }
        }
        return out;
    }

    /**
     * The end offsets of a read_committed consumer once no transaction is undecided (last stable offset = high
     * watermark): a producer's commit returns before the commit markers are written to the partitions, so right
     * after an exactly-once job ends the last stable offset can still stand before its last alerts.
     */
    private static Map<TopicPartition, Long> decidedEnd(String bootstrap, KafkaConsumer<byte[], byte[]> committed,
            List<TopicPartition> parts, long deadline) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (true) {
                Map<TopicPartition, Long> lso = committed.endOffsets(parts);
                if (lso.equals(all.endOffsets(parts)) || System.currentTimeMillis() > deadline) {
                    return lso;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return lso;
                }
            }
        }
    }
}
