package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.testkit.TestKeys;

/**
 * A running job takes a signed parameter update from the control topic without a restart, and rejects an
 * unsigned one and an invalid one, over a real broker.
 */
class ControlTopicIntegrationTest extends KafkaFlinkTest {

    @TempDir
    static Path keys;

    /** An unsigned update, as anyone with write access to the topic could send. */
    private static ControlMessage unsigned(String version, String yaml) {
        return ControlMessage.newBuilder().setVersion(version).setKind(ControlKind.PARAMETERS).setParameters(yaml)
                .setIssuedAt(Instant.now()).build();
    }

    /** The same update as a bundle signed with the analysts' key. */
    private static ControlMessage signed(String version, String yaml, TestKeys.Pair key) {
        RuleBundle bundle = RuleBundle.ofTexts(Map.of("parameters.yaml", yaml))
                .signedWith(Ed25519Keys.readPrivate(key.privateKey()));
        return ControlMessage.newBuilder().setVersion(version).setKind(ControlKind.PARAMETERS)
                .setBundle(ByteBuffer.wrap(bundle.toBytes())).setIssuedAt(Instant.now()).build();
    }

    /** The planted deposits of an account, then a later transaction that moves event time past them. */
    private static List<Object> pattern(String account, int day) {
        List<Object> out = new ArrayList<>();
        for (Transaction t : JobIntegrationTest.plantedDeposits(account)) {
            out.add(Transaction.newBuilder(t).setEventTime(t.getEventTime().plusSeconds(86_400L * day)).build());
        }
        out.add(Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock-" + account).day(day + 30, 0).build());
        return out;
    }

    @Test
    @Timeout(240)
    void a_signed_parameter_update_changes_behaviour_and_unsigned_or_invalid_ones_are_rejected() throws Exception {
        TestKeys.Pair analysts = TestKeys.create(keys, "analysts");
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "ctl");
        o.trustKeys = List.of(analysts.publicKey());
        o.maxOutOfOrderness = java.time.Duration.ZERO;
        kafka.createTopics(new Topics(o).all(), 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundledWith("""
                version: strict-1
                parameters:
                  engine:
                    min_families: 4
                """).withControl(o.controlPolicy()));
        JobClient job = env.executeAsync("control test");
        try {
            String bootstrap = kafka.bootstrapServers();
            KafkaTestSupport.produce(bootstrap, o.transactionsTopic, pattern("CY-RING-A", 0), v -> "k");
            waitFor(() -> committed(o), "a checkpoint after the job consumed the first pattern");
            assertTrue(KafkaTestSupport.readAll(bootstrap, o.alertsTopic, Alert.class).isEmpty(),
                    "four families needed: the pattern raises no alert");

            String lenient = """
                    version: lenient-1
                    parameters:
                      engine:
                        min_families: 2
                    """;
            KafkaTestSupport.produce(bootstrap, o.controlTopic, List.of(unsigned("lenient-1", lenient)), v -> "control");
            KafkaTestSupport.produce(bootstrap, o.controlTopic, List.of(signed("broken-1", """
                    version: broken-1
                    parameters:
                      HT-CASH-01:
                        min_deposits: 0
                    """, analysts)), v -> "control");
            KafkaTestSupport.produce(bootstrap, o.controlTopic, List.of(signed("lenient-1", lenient, analysts)), v -> "control");
            waitFor(() -> KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class).size() >= 3,
                    "the three control messages answered");
            List<ControlResult> results = KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class);
            // both lenient-1 results have the same key, hence one partition, in the order they were answered
            List<ControlResult> lenients = results.stream().filter(r -> r.getVersion().equals("lenient-1")).toList();
            assertEquals(2, lenients.size(), results.toString());
            ControlResult plain = lenients.get(0);
            assertFalse(plain.getAccepted(), "an unsigned update is rejected");
            assertTrue(plain.getMessage().contains("unsigned"), plain.getMessage());
            assertEquals("strict-1", plain.getParameterSetVersion(), "the running version stays");
            ControlResult broken = results.stream().filter(r -> r.getVersion().equals("broken-1")).findFirst().orElseThrow();
            assertFalse(broken.getAccepted());
            assertTrue(broken.getMessage().contains("HT-CASH-01.min_deposits = 0 is out of range"), broken.getMessage());
            assertTrue(lenients.get(1).getAccepted(), lenients.get(1).getMessage());

            KafkaTestSupport.produce(bootstrap, o.transactionsTopic, pattern("CY-RING-B", 40), v -> "k");
            waitFor(() -> !KafkaTestSupport.readAll(bootstrap, o.alertsTopic, Alert.class).isEmpty(), "an alert after the update");
            List<Alert> alerts = KafkaTestSupport.readAll(bootstrap, o.alertsTopic, Alert.class);
            assertEquals(List.of("CY-RING-B"), alerts.stream().map(Alert::getAccountId).toList());
            assertEquals("lenient-1", alerts.get(0).getParameterSetVersion());
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Whether the job's consumer group has committed offsets at the end of the transactions topic: the Kafka source
     * commits on completed checkpoints, so everything before is processed and its output committed.
     */
    private static boolean committed(JobOptions o) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(o.groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                ask.put(new TopicPartition(o.transactionsTopic, i), OffsetSpec.latest());
            }
            var end = admin.listOffsets(ask).all().get();
            for (var e : end.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long at = c == null ? 0 : c.offset();
                if (at < e.getValue().offset()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(300);
        }
    }

    /** Topic names of the job, for creation. */
    private record Topics(JobOptions o) {
        List<String> all() {
            return new org.htscreen.job.Topics(o).all();
        }
    }
}
