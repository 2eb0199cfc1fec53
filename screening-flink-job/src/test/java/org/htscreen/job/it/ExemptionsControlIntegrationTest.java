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
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.SuppressedAlert;
import org.htscreen.avro.Transaction;
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.testkit.TestKeys;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exemptions reach a running job on the control topic as a signed bundle (ADR 0017), over a real broker and a
 * MiniCluster: the signed set is accepted and suppresses the exempted account's alert (written to the suppressed
 * topic with the exemption id), an expired exemption no longer applies and leaves an audit record, and an
 * unsigned set is rejected while the running set stays.
 */
class ExemptionsControlIntegrationTest extends KafkaFlinkTest {

    @TempDir
    static Path keys;

    static final String SIGNED_SET = """
            version: ex-signed-1
            exemptions:
              - id: EX-A
                account: CY-RING-A
                reason: reviewed, vending takings
                approver: m.georgiou
                approved_at: 2026-03-01T00:00:00Z
                expires_at: 2026-06-01T00:00:00Z
              - id: EX-C
                account: CY-RING-C
                reason: reviewed last year
                approver: m.georgiou
                approved_at: 2026-01-01T00:00:00Z
                expires_at: 2026-03-02T00:00:00Z
            """;

    static final String UNSIGNED_SET = """
            version: ex-unsigned-1
            exemptions:
              - id: EX-B
                account: CY-RING-B
                reason: not approved by anyone the job trusts
                approver: someone
                approved_at: 2026-03-01T00:00:00Z
                expires_at: 2026-06-01T00:00:00Z
            """;

    private static List<Object> pattern(String account) {
        List<Object> out = new ArrayList<>(JobIntegrationTest.plantedDeposits(account));
        out.add(Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock-" + account).day(30, 0).build());
        return out;
    }

    @Test
    @Timeout(240)
    void a_signed_exemption_set_suppresses_and_an_unsigned_one_is_rejected() throws Exception {
        TestKeys.Pair compliance = TestKeys.create(keys, "compliance");
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "exm");
        o.trustKeys = List.of(compliance.publicKey());
        o.maxOutOfOrderness = java.time.Duration.ZERO;
        kafka.createTopics(new org.htscreen.job.Topics(o).all(), 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled().withControl(o.controlPolicy()));
        JobClient job = env.executeAsync("exemptions test");
        try {
            String bootstrap = kafka.bootstrapServers();
            RuleBundle bundle = RuleBundle.ofTexts(Map.of(RuleBundle.EXEMPTIONS, SIGNED_SET))
                    .signedWith(Ed25519Keys.readPrivate(compliance.privateKey()));
            assertEquals(RuleBundle.Kind.EXEMPTIONS, bundle.kind());
            ControlMessage signed = ControlMessage.newBuilder().setVersion("ex-signed-1").setKind(ControlKind.EXEMPTIONS)
                    .setBundle(ByteBuffer.wrap(bundle.toBytes())).setIssuedAt(Instant.now()).build();
            ControlMessage unsigned = ControlMessage.newBuilder().setVersion("ex-unsigned-1").setKind(ControlKind.EXEMPTIONS)
                    .setFiles(Map.of(RuleBundle.EXEMPTIONS, UNSIGNED_SET)).setIssuedAt(Instant.now()).build();
            KafkaTestSupport.produce(bootstrap, o.controlTopic, List.of(signed, unsigned), v -> "control");
            waitFor(() -> KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class).size() >= 2,
                    "both exemption sets answered");
            List<ControlResult> results = KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class);
            ControlResult ok = one(results, "ex-signed-1");
            assertTrue(ok.getAccepted(), ok.getMessage());
            assertEquals("EXEMPTIONS", ok.getKind());
            assertTrue(ok.getMessage().contains("; signed by " + Ed25519Keys.keyId(Ed25519Keys.readPublic(compliance.publicKey())) + ";"),
                    ok.getMessage());
            assertTrue(ok.getMessage().contains("exemptions none -> ex-signed-1: 2 in force; added EX-A, EX-C"), ok.getMessage());
            ControlResult refused = one(results, "ex-unsigned-1");
            assertFalse(refused.getAccepted());
            assertTrue(refused.getMessage().contains("unsigned"), refused.getMessage());

            List<Object> txs = new ArrayList<>();
            for (String account : List.of("CY-RING-A", "CY-RING-B", "CY-RING-C")) {
                txs.addAll(pattern(account));
            }
            txs.sort(java.util.Comparator.comparing(t -> ((Transaction) t).getEventTime()));
            KafkaTestSupport.produce(bootstrap, o.transactionsTopic, txs, v -> ((Transaction) v).getTxId());
            waitFor(() -> !KafkaTestSupport.readAll(bootstrap, o.suppressedTopic, SuppressedAlert.class).isEmpty()
                            && KafkaTestSupport.readAll(bootstrap, o.alertsTopic, Alert.class).stream()
                                    .map(Alert::getAccountId).distinct().count() >= 2,
                    "the suppressed alert of CY-RING-A and the alerts of CY-RING-B and CY-RING-C");

            List<Alert> alerts = KafkaTestSupport.readAll(bootstrap, o.alertsTopic, Alert.class);
            assertEquals(new TreeSet<>(List.of("CY-RING-B", "CY-RING-C")),
                    new TreeSet<>(alerts.stream().map(Alert::getAccountId).toList()),
                    "A is exempted; B's exemption was unsigned; C's had expired");
            List<SuppressedAlert> suppressed = KafkaTestSupport.readAll(bootstrap, o.suppressedTopic, SuppressedAlert.class);
            assertEquals(1, suppressed.size(), suppressed.toString());
            SuppressedAlert s = suppressed.get(0);
            assertEquals("CY-RING-A", s.getAccountId());
            assertEquals(List.of("EX-A"), s.getExemptionIds());
            assertEquals("ex-signed-1", s.getExemptionSetVersion());
            assertEquals(s.getAlertId(), s.getAlert().getAlertId());
            assertFalse(s.getAlert().getSignals().isEmpty());

            waitFor(() -> KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class).stream()
                    .anyMatch(r -> r.getMessage().startsWith("exemption EX-C ")), "the audit record of EX-C's expiry");
            ControlResult expiry = KafkaTestSupport.readAll(bootstrap, o.controlResultsTopic, ControlResult.class).stream()
                    .filter(r -> r.getMessage().startsWith("exemption EX-C ")).findFirst().orElseThrow();
            assertEquals("EXEMPTIONS", expiry.getKind());
            assertEquals("ex-signed-1", expiry.getVersion());
            assertTrue(expiry.getMessage().contains("expired at 2026-03-02T00:00:00Z; found at transaction CY-RING-C-dep-0"),
                    expiry.getMessage());
        } finally {
            job.cancel().get();
        }
    }

    private static ControlResult one(List<ControlResult> results, String version) {
        return results.stream().filter(r -> r.getVersion().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + version + ": " + results));
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
