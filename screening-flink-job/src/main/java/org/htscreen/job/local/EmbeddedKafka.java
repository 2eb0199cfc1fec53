package org.htscreen.job.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft) broker started inside this JVM from Kafka's own artifacts, for the local run and
 * the integration tests where no Docker engine is available. Transactions work (replication factors of the internal
 * topics are 1).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    /** The broker's longest transaction timeout: 2 h, above the job's default {@code --transaction-timeout}. */
    public static final String TRANSACTION_MAX_TIMEOUT_MS = "7200000";

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker on a free port; returns when it accepts clients. */
    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                // the job's exactly-once sinks open transactions of up to --transaction-timeout (1 h by default)
                .setConfigProp("transaction.max.timeout.ms", TRANSACTION_MAX_TIMEOUT_MS)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // enforce time-based retention from the start and every second rather than every 5 minutes (first
                // check 30 s after start): a record whose timestamp is older than retention.ms (7 days) disappears at once, as it can
                // at any moment on a long-running broker, instead of in a rare test run
                .setConfigProp("log.initial.task.delay.ms", "0")
                .setConfigProp("log.retention.check.interval.ms", "1000")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates topics (existing ones are left as they are). */
    public void createTopics(List<String> names, int partitions) throws InterruptedException, ExecutionException {
        createTopics(bootstrapServers(), names, partitions);
    }

    /**
     * Creates topics on any broker (existing ones are left as they are) and returns once every partition has a leader
     * that serves requests (see {@link #awaitLeaders}).
     */
    public static void createTopics(String bootstrapServers, List<String> names, int partitions)
            throws InterruptedException, ExecutionException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).collect(Collectors.toList());
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, names, Duration.ofSeconds(60));
        }
    }

    /**
     * Waits until every partition of the topics answers a request only its leader serves (list offsets). Creating a
     * topic returns when the controller has recorded it, before the broker leads its partitions: a producer writing
     * at once gets NOT_LEADER_OR_FOLLOWER for its first batch of a partition, and the idempotent producer (Kafka's
     * default) can meanwhile get a later batch of that partition accepted. It then retries the first batch with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} (2 minutes) and drops it: records missing from
     * the topic, reported only to the send's callback. Seen in the job's tests as missing alerts.
     */
    public static void awaitLeaders(Admin admin, List<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                    d.partitions().forEach(i -> partitions.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.latest()));
                }
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Client properties to reach the broker. */
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
