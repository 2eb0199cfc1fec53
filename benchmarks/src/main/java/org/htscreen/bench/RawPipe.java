package org.htscreen.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The practical upper bound: a plain kafka-clients consume → produce pipe that copies every record of the input
 * topic, from the beginning to the end offsets, to a scratch topic (acks=all, no decoding, at least once). One
 * consumer and one producer per thread; the input's partitions are split over the threads. The time runs from
 * the first record polled to the last one acknowledged.
 */
final class RawPipe {

    record Result(long records, double seconds) {
        long tps() {
            return Math.round(records / seconds);
        }
    }

    private record Part(long records, long firstNanos, long endNanos) {
    }

    private RawPipe() {
    }

    static Result run(String bootstrapServers, String from, String to, int threads) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrapServers)) {
            for (PartitionInfo p : c.partitionsFor(from)) {
                partitions.add(new TopicPartition(from, p.partition()));
            }
        }
        int n = Math.max(1, Math.min(threads, partitions.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Part>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<TopicPartition> mine = new ArrayList<>();
                for (int k = i; k < partitions.size(); k += n) {
                    mine.add(partitions.get(k));
                }
                parts.add(pool.submit(() -> copy(bootstrapServers, mine, to)));
            }
            long records = 0;
            long first = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (Future<Part> f : parts) {
                Part p = f.get();
                records += p.records;
                if (p.records > 0) {
                    first = Math.min(first, p.firstNanos);
                    end = Math.max(end, p.endNanos);
                }
            }
            return new Result(records, records == 0 ? Double.NaN : (end - first) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Part copy(String bootstrapServers, List<TopicPartition> partitions, String to) {
        long count = 0;
        long first = 0;
        SendCheck check = new SendCheck();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
                KafkaProducer<byte[], byte[]> producer = KafkaLoad.producer(bootstrapServers)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!done(consumer, end)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (count++ == 0) {
                        first = System.nanoTime();
                    }
                    producer.send(new ProducerRecord<>(to, r.key(), r.value()), check);
                }
            }
            producer.flush();
            check.verify("the raw pipe's copy");
            return new Part(count, first, System.nanoTime());
        }
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
