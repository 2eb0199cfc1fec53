package org.htscreen.bench;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;

/**
 * Loads the workload into the job's input topics before a run, as the job's decoders expect it: Avro binary
 * values, transactions keyed by their first own account, profiles by party id.
 */
final class KafkaLoad {

    /** What was loaded. */
    record Loaded(long transactions, long profiles, long transactionBytes, double seconds) {
        long recordBytes() {
            return transactions == 0 ? 0 : Math.round((double) transactionBytes / transactions);
        }
    }

    private KafkaLoad() {
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        return p;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(producerProperties(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Loaded load(Workload w, String bootstrapServers, String transactionsTopic, String profilesTopic) {
        long t0 = System.nanoTime();
        AtomicLong tx = new AtomicLong();
        AtomicLong profiles = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        SendCheck check = new SendCheck();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            Workload.read(w.profiles(), PartyProfile.class, p -> {
                producer.send(new ProducerRecord<>(profilesTopic, key(p.getPartyId()), AvroBinary.encode(p)), check);
                profiles.incrementAndGet();
            });
            Workload.read(w.transactions(), Transaction.class, t -> {
                byte[] value = AvroBinary.encode(t);
                producer.send(new ProducerRecord<>(transactionsTopic, key(accountOf(t)), value), check);
                tx.incrementAndGet();
                bytes.addAndGet(value.length);
            });
            producer.flush();
        }
        check.verify("the workload");
        return new Loaded(tx.get(), profiles.get(), bytes.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** The key of a transaction: its originator's account when it is the bank's, else its beneficiary's. */
    static String accountOf(Transaction t) {
        return t.getOriginator() != null && t.getOriginator().getAccountId() != null ? t.getOriginator().getAccountId()
                : t.getBeneficiary() == null ? null : t.getBeneficiary().getAccountId();
    }

    static byte[] key(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
