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
     * Writes records (Avro binary values) or raw bytes to a topic, and fails unless the broker acknowledged every
     * one: a send that fails is reported only to its future, and a test that ignores it runs on missing input.
     */
    static void produce(String bootstrap, String topic, List<?> values, Function<Object, String> key) {
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
                sent.add(producer.send(new ProducerRecord<>(topic, k == null ? null : k.getBytes(), bytes)));
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

    /** Every committed record of a topic (read_committed), decoded. */
    static <T extends SpecificRecord> List<T> readAll(String bootstrap, String topic, Class<T> type) {
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
                    out.add(AvroBinary.decode(r.value(), type));
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
