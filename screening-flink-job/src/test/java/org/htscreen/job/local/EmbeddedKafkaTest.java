package org.htscreen.job.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Topics are usable as soon as {@link EmbeddedKafka#createTopics} returns. A produce request that reaches a new
 * partition before its leader is ready is answered NOT_LEADER_OR_FOLLOWER; the idempotent producer (Kafka's
 * default) may meanwhile get a later batch of the same partition accepted, and then retries the first one with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} drops it: records silently missing from the topic.
 */
class EmbeddedKafkaTest {

    private static final int TOPICS = 40;
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 400;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    @Timeout(120)
    void every_record_produced_right_after_topic_creation_is_on_the_topic() throws Exception {
        List<String> topics = IntStream.range(0, TOPICS).mapToObj(i -> "fresh-" + i).toList();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "1024");           // several batches per partition
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");  // a lost batch fails in seconds, not minutes
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String t : topics) {
                kafka.createTopics(List.of(t), PARTITIONS);   // each topic written to as soon as it exists
                for (int r = 0; r < RECORDS; r++) {
                    sent.add(producer.send(new ProducerRecord<>(t, r % PARTITIONS, null, new byte[64])));
                }
            }
            producer.flush();
        }
        List<String> failed = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed.add(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
        }
        assertEquals(List.of(), failed.stream().distinct().toList(), failed.size() + " of " + sent.size() + " sends failed");

        Properties c = new Properties();
        c.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = topics.stream()
                    .flatMap(t -> IntStream.range(0, PARTITIONS).mapToObj(i -> new TopicPartition(t, i))).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Map<String, Long> perTopic = end.entrySet().stream()
                    .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(Map.Entry::getValue)));
            Map<String, Long> expected = topics.stream().collect(Collectors.toMap(t -> t, t -> (long) RECORDS));
            assertEquals(expected, perTopic);
        }
    }
}
