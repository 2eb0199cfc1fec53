package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.wire.Evolved;
import org.htscreen.wire.RecordCodec;
import org.htscreen.wire.RegistryDouble;
import org.htscreen.wire.WireFormat;
import org.htscreen.wire.WireSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with schema identification on the wire (ADR 0019), through a real broker and a Flink MiniCluster, with no
 * restarts allowed: records of a newer producer schema (an added optional field, a new channel symbol) are screened,
 * hostile framing becomes dead letters with the reason, and the job writes its own outputs in the same format.
 * The Confluent format runs against {@link RegistryDouble}, an in-process HTTP test double of the schema registry
 * (a real registry cannot be started on these machines); the registry client library, Kafka and Flink are real.
 */
class WireFormatIntegrationTest extends KafkaRegistryFlinkTest {

    private static void run(JobOptions o) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        env.execute("htscreen wire format test " + o.groupId);
    }

    /** A ring's eight deposits (one of them written by the newer producer) and a deposit on the new channel. */
    private record Input(List<Transaction> ring, Transaction evolvedInRing, Transaction onNewChannel) {
        static Input of(String account) {
            List<Transaction> ring = JobIntegrationTest.plantedDeposits(account);
            Transaction other = Tx.cashDeposit("CY-WIRE-SAL", 50).id("new-channel-1").at(Tx.T0.plusSeconds(60_000)).build();
            return new Input(ring, ring.get(3), other);
        }
    }

    /** Screens the values, then checks the alert (with the evolved deposit as evidence) and the dead letters' reasons. */
    private static void screenAndCheck(JobOptions o, Input in, List<Object> values, List<String> reasons) throws Exception {
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, values, v -> null);
        run(o);
        WireSettings wire = o.wire.settings();

        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, wire.codec(Alert.class));
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(in.ring().get(0).getBeneficiary().getAccountId(), alerts.get(0).getAccountId());
        assertTrue(alerts.get(0).getSignals().stream().anyMatch(s -> s.getEvidenceTxIds().contains(in.evolvedInRing().getTxId())),
                "the deposit of the newer producer schema was screened: " + alerts.get(0).getSignals());

        List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, wire.codec(DeadLetter.class));
        List<String> got = dead.stream().map(DeadLetter::getReason).sorted().toList();
        assertEquals(reasons.size(), got.size(), got.toString());
        for (String r : reasons) {
            assertTrue(got.stream().anyMatch(g -> g.contains(r)), "no dead letter says '" + r + "': " + got);
        }
        assertFalse(got.stream().anyMatch(g -> g.contains(in.onNewChannel().getTxId())), got.toString());
    }

    @Test
    @Timeout(240)
    void confluent_wire_format_with_a_schema_registry() throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "wire-cf");
        o.bounded = true;
        o.wire.format = WireFormat.CONFLUENT;
        o.wire.registryUrl = registry.url();
        kafka.createTopics(new Topics(o).all(), 2);
        Input in = Input.of("CY-WIRE-1");
        RecordCodec<Transaction> codec = o.wire.settings().codec(Transaction.class);
        int v2 = registry.register(o.transactionsTopic + "-value", Evolved.TRANSACTION_V2);
        List<Object> values = new ArrayList<>();
        for (Transaction t : in.ring()) {
            values.add(t == in.evolvedInRing() ? Evolved.confluent(t, v2, false) : codec.encode(t, o.transactionsTopic));
        }
        values.add(Evolved.confluent(in.onNewChannel(), v2, true));
        byte[] good = codec.encode(Tx.cashDeposit("CY-WIRE-X", 10).id("hostile").build(), o.transactionsTopic);
        byte[] body = Arrays.copyOfRange(good, 5, good.length);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 7;
        int alertSchema = registry.register("some-other-topic-value", Alert.getClassSchema().toString());
        values.add(wrongMagic);
        values.add(Arrays.copyOf(good, 3));
        values.add(ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(424242).put(body).array());
        values.add(ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(alertSchema).put(body).array());
        values.add(AvroBinary.encode(Tx.cashDeposit("CY-WIRE-X", 10).id("raw").build()));

        screenAndCheck(o, in, values, List.of("first byte 0x07, not the magic byte",
                "3 bytes, fewer than the magic byte and 4-byte schema id",
                "schema id 424242 is not in the registry",
                "schema id " + alertSchema + " cannot be read as org.htscreen.avro.Transaction",
                "not in the Confluent wire format"));
        List<Integer> alertIds = registry.ids(o.alertsTopic + "-value");   // one registration per sink subtask
        assertEquals(o.parallelism, alertIds.size(), "every alert sink subtask registered its Alert schema");
        assertEquals(1, alertIds.stream().distinct().count(), "under one id: " + alertIds);
    }

    /**
     * A registry that fails while the job runs: records whose schema cannot be looked up are dead letters with the
     * reason, the job keeps running (no restarts allowed), and once the registry answers again (after the retry
     * period) the account's next records are screened and alert.
     */
    @Test
    @Timeout(240)
    void a_registry_outage_makes_dead_letters_not_a_failed_job() throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "wire-down");
        o.wire.format = WireFormat.CONFLUENT;
        o.wire.registryUrl = registry.url();
        o.maxOutOfOrderness = java.time.Duration.ZERO;
        kafka.createTopics(new Topics(o).all(), 2);
        RecordCodec<Transaction> codec = o.wire.settings().codec(Transaction.class);
        List<Transaction> ring = JobIntegrationTest.plantedDeposits("CY-WIRE-3");
        byte[] first = codec.encode(ring.get(0), o.transactionsTopic);   // registers the producer's schema

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        JobClient job = env.executeAsync("htscreen registry outage test");
        try {
            List<String> outputs = List.of(o.alertsTopic, o.deadLetterTopic, o.controlResultsTopic, o.shadowTopic, o.suppressedTopic);
            waitFor(() -> outputs.stream().allMatch(t -> registry.ids(t + "-value").size() >= o.parallelism),
                    "every subtask of the job's sinks registered its schema");
            int before = registry.requests();
            registry.failWith(500);
            KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, List.of(first), v -> null);
            waitFor(() -> registry.requests() > before, "the job asked the failing registry");
            long failedAt = System.nanoTime();
            Thread.sleep(3_000);   // a few checkpoints: the dead letter is committed
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get());
            registry.failWith(0);

            WireSettings wire = o.wire.settings();
            List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, wire.codec(DeadLetter.class));
            assertEquals(1, dead.size(), dead.toString());
            assertTrue(dead.get(0).getReason().contains("failed (schema id " + registry.ids(o.transactionsTopic + "-value").get(0) + ")"),
                    dead.get(0).getReason());

            long retry = WireSettings.DEFAULT_RETRY_AFTER.toNanos() - (System.nanoTime() - failedAt);
            Thread.sleep(Math.max(0, retry / 1_000_000) + 500);   // the failure is remembered this long
            List<Object> rest = new ArrayList<>();
            for (Transaction t : ring.subList(1, ring.size())) {
                rest.add(codec.encode(t, o.transactionsTopic));
            }
            rest.add(codec.encode(Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock-3").day(30, 0).build(), o.transactionsTopic));
            KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, rest, v -> null);
            waitFor(() -> !KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, wire.codec(Alert.class)).isEmpty(),
                    "an alert once the registry answers again");
            assertEquals("CY-WIRE-3", KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, wire.codec(Alert.class))
                    .get(0).getAccountId());
            assertEquals(1, KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, wire.codec(DeadLetter.class)).size());
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get());
        } finally {
            registry.failWith(0);
            if (!job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            } else {
                job.getJobExecutionResult().get();   // shows why the job ended
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(300);
        }
    }

    @Test
    @Timeout(240)
    void avro_single_object_encoding_with_a_known_newer_writer_schema(@TempDir Path dir) throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "wire-so");
        o.bounded = true;
        o.wire.format = WireFormat.SINGLE_OBJECT;
        Path v2 = Files.writeString(dir.resolve("Transaction-v2.avsc"), Evolved.TRANSACTION_V2);
        o.wire.writerSchemas = List.of(v2);
        kafka.createTopics(new Topics(o).all(), 2);
        Input in = Input.of("CY-WIRE-2");
        RecordCodec<Transaction> codec = o.wire.settings().codec(Transaction.class);
        List<Object> values = new ArrayList<>();
        for (Transaction t : in.ring()) {
            values.add(t == in.evolvedInRing() ? Evolved.singleObject(t, false) : codec.encode(t, o.transactionsTopic));
        }
        values.add(Evolved.singleObject(in.onNewChannel(), true));
        byte[] good = codec.encode(Tx.cashDeposit("CY-WIRE-X", 10).id("hostile").build(), o.transactionsTopic);
        byte[] unknownSchema = good.clone();
        unknownSchema[5] ^= 0x55;   // a fingerprint no known schema has
        values.add(AvroBinary.encode(Tx.cashDeposit("CY-WIRE-X", 10).id("raw").build()));
        values.add(unknownSchema);
        values.add(Arrays.copyOf(good, good.length - 4));

        screenAndCheck(o, in, values, List.of("not in Avro single-object encoding",
                "unknown writer schema", "not a valid Avro Transaction in single-object encoding"));
    }
}
