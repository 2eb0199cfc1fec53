package org.htscreen.workbench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.htscreen.wire.WireOptions;
import org.htscreen.wire.WireSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code bin/screening kafka} reaches Kafka: bootstrap servers, any client property, the wire format (the same
 * options and meaning as the job's), and a bound on every wait.
 */
public final class KafkaConnection {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any Kafka client property, e.g. --kafka security.protocol=SASL_SSL; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Mixin
    WireOptions wire = new WireOptions();

    /** The wire settings, or a usage error naming the option. */
    WireSettings wire() {
        try {
            return wire.settings();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** An idempotent producer that waits for all replicas; a send is given up after {@code timeout}. */
    KafkaProducer<byte[], byte[]> producer(Duration timeout) {
        Properties p = base();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(ms));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(ms, 30_000)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Math.max(ms, 30_000 + 5)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.forEach(p::put);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group that sees only committed records (read_committed, as the job writes). */
    KafkaConsumer<byte[], byte[]> consumer(Duration timeout) {
        Properties p = base();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        properties.forEach(p::put);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Properties base() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", "htscreen-screening-kafka");
        return p;
    }

    /**
     * Assigns every partition of a topic to the consumer, at its beginning or its end.
     *
     * @throws UsageException when the topic does not exist
     */
    static List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> c, String topic, boolean fromBeginning, Duration timeout) {
        List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new UsageException("topic " + topic + " does not exist");
        }
        List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        if (fromBeginning) {
            c.seekToBeginning(parts);
        } else {
            c.seekToEnd(parts);
        }
        parts.forEach(c::position);   // resolve the positions now, before anything is published
        return parts;
    }
}
