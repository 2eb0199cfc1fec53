package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.ShadowSignal;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Transaction;
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.testkit.RuleCopies;
import org.htscreen.core.testkit.TestKeys;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow rules in the running job, over a real broker: a signed rule set adds a shadow copy of HT-CASH-01
 * (HT-CASH-98); its signals go to the shadow topic and not into the alert; a second signed update switches it live
 * and from then on it is in the alerts and no longer on the shadow topic.
 */
class ShadowTopicIntegrationTest extends KafkaFlinkTest {

    @TempDir
    static Path keys;

    private static ControlMessage ruleSet(String version, Map<String, String> files, TestKeys.Pair key) {
        RuleBundle bundle = RuleBundle.ofTexts(files).signedWith(Ed25519Keys.readPrivate(key.privateKey()));
        return ControlMessage.newBuilder().setVersion(version).setKind(ControlKind.RULE_SET)
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
    @Timeout(300)
    void shadow_signals_go_to_their_topic_and_a_signed_update_switches_the_rule_live() throws Exception {
        TestKeys.Pair analysts = TestKeys.create(keys, "analysts");
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "shadow");
        o.trustKeys = List.of(analysts.publicKey());
        o.maxOutOfOrderness = java.time.Duration.ZERO;
        kafka.createTopics(new Topics(o).all(), 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled().withControl(o.controlPolicy()));
        JobClient job = env.executeAsync("shadow test");
        String bootstrap = kafka.bootstrapServers();
        try {
            KafkaTestSupport.produce(bootstrap, o.controlTopic,
                    List.of(ruleSet("trial-1", RuleCopies.withCopy("HT-CASH-01", "HT-CASH-98", "shadow"), analysts)), v -> "control");
            waitFor(() -> results(o).size() >= 1, "the shadow rule set answered");
            assertTrue(results(o).get(0).getAccepted(), results(o).get(0).getMessage());

            KafkaTestSupport.produce(bootstrap, o.transactionsTopic, pattern("CY-RING-A", 0), v -> "k");
            waitFor(() -> !alerts(o).isEmpty() && !shadow(o).isEmpty(), "an alert and shadow signals on CY-RING-A");
            Alert a = alerts(o).get(0);
            assertEquals("CY-RING-A", a.getAccountId());
            assertTrue(ruleIds(a).contains("HT-CASH-01"), ruleIds(a).toString());
            assertFalse(ruleIds(a).contains("HT-CASH-98"), "a shadow rule never reaches an alert: " + ruleIds(a));
            for (ShadowSignal s : shadow(o)) {
                assertEquals("CY-RING-A", s.getAccountId());
                assertEquals("HT-CASH-98", s.getSignal().getRuleId());
                assertTrue(s.getSignal().getEvidenceTxIds().contains(s.getTxId()));
            }
            int shadowBefore = shadow(o).size();

            KafkaTestSupport.produce(bootstrap, o.controlTopic,
                    List.of(ruleSet("live-1", RuleCopies.withCopy("HT-CASH-01", "HT-CASH-98", "live"), analysts)), v -> "control");
            waitFor(() -> results(o).size() >= 2, "the live rule set answered");
            ControlResult live = results(o).stream().filter(r -> r.getVersion().equals("live-1")).findFirst().orElseThrow();
            assertTrue(live.getAccepted(), "going live is not a switch-off: one signature is enough; " + live.getMessage());
            assertTrue(live.getMessage().contains("1 switched on [HT-CASH-98]"), live.getMessage());

            KafkaTestSupport.produce(bootstrap, o.transactionsTopic, pattern("CY-RING-B", 40), v -> "k");
            waitFor(() -> alerts(o).stream().anyMatch(x -> x.getAccountId().equals("CY-RING-B")), "an alert on CY-RING-B");
            Alert b = alerts(o).stream().filter(x -> x.getAccountId().equals("CY-RING-B")).findFirst().orElseThrow();
            assertTrue(ruleIds(b).contains("HT-CASH-98"), "live now: " + ruleIds(b));
            assertEquals(shadowBefore, shadow(o).size(), "no shadow signal once the rule is live");
        } finally {
            job.cancel().get();
        }
    }

    private static List<String> ruleIds(Alert a) {
        return a.getSignals().stream().map(Signal::getRuleId).toList();
    }

    private static List<Alert> alerts(JobOptions o) {
        return KafkaTestSupport.readAll(o.bootstrapServers, o.alertsTopic, Alert.class);
    }

    private static List<ShadowSignal> shadow(JobOptions o) {
        return KafkaTestSupport.readAll(o.bootstrapServers, o.shadowTopic, ShadowSignal.class);
    }

    private static List<ControlResult> results(JobOptions o) {
        return KafkaTestSupport.readAll(o.bootstrapServers, o.controlResultsTopic, ControlResult.class);
    }

    private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(300);
        }
    }
}
