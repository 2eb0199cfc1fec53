package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InputLimits;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Event time per Kafka partition: a source subtask that reads two partitions at different speeds screens every
 * transaction in event-time order, as the engine does (ADR 0004); a future-dated profile cannot move event time.
 */
class PartitionEventTimeIntegrationTest extends KafkaFlinkTest {

    /** Characters added to the references on the slow partition: its records are about ten times larger. */
    private static final int PADDING = 1_800;

    /** The engine on the same input in event-time order (the backtest), as alert contents. */
    private static TreeSet<String> engine(List<PartyProfile> profiles, List<Transaction> txs, Duration lateness) {
        return contents(KafkaTestSupport.engineAlerts(profiles, txs, lateness));
    }

    private static TreeSet<String> contents(List<Alert> alerts) {
        return new TreeSet<>(alerts.stream().map(SampleTrafficIntegrationTest::content).toList());
    }

    private static Transaction padded(Transaction t) {
        String ref = t.getReference() == null ? "" : t.getReference();
        return Transaction.newBuilder(t).setReference(ref + " " + "0".repeat(Math.max(0, Math.min(PADDING,
                InputLimits.MAX_TEXT_LENGTH - ref.length() - 1)))).build();
    }

    /**
     * One source subtask reads both partitions of the transactions topic. Every other transaction goes to partition
     * 1 with a long reference, and a fetch takes at most 32 KB of each partition, so partition 0 is read about ten
     * times faster in event time. A watermark over the subtask's records (the latest of either partition less the
     * out-of-orderness) runs ahead of partition 1 and makes its transactions late; per partition, it waits for the
     * slower one.
     */
    @Test
    @Timeout(300)
    void one_subtask_reading_two_partitions_at_different_speeds_screens_in_event_time_order_as_the_engine_does() throws Exception {
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < sample.transactions().size(); i++) {
            Transaction t = sample.transactions().get(i);
            txs.add(i % 2 == 0 ? t : padded(t));
        }
        JobOptions o = KafkaTestSupport.replayOptions(kafka.bootstrapServers(), "partitions");
        o.parallelism = 1;
        o.kafka.put("max.partition.fetch.bytes", "32768");
        kafka.createTopics(new Topics(o).all(), 2);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic, sample.profiles(), p -> ((PartyProfile) p).getPartyId());
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, txs, t -> ((Transaction) t).getTxId(),
                t -> ((Transaction) t).getReference() != null && ((Transaction) t).getReference().length() > PADDING ? 1 : 0);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        JobExecutionResult done = env.execute("partition event time");
        List<Alert> live = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);

        assertEquals(0L, ((Number) done.getAccumulatorResult(AccountScreening.LATE_TRANSACTIONS)).longValue(),
                "no transaction of the slower partition arrived behind the watermark");
        assertFalse(live.isEmpty());
        assertEquals(engine(sample.profiles(), txs, o.maxOutOfOrderness), contents(live));
    }

    /**
     * A profile whose {@code updatedAt} is the latest time the edge accepts (the last hour of 2099) is read first;
     * the transactions input then goes idle. Had the profile moved event time, the planted deposits would be screened
     * at once as late arrivals; they wait for a later transaction instead, and the alerts are the engine's. A profile
     * dated in 2100 is a dead letter.
     */
    @Test
    @Timeout(240)
    void a_future_dated_profile_cannot_move_event_time() throws Exception {
        String ring = "CY-RING-7";
        PartyProfile future = Profiles.person("P-FUTURE", "CY-FUTURE-1", 1_500)
                .setUpdatedAt(InputLimits.LATEST_TIME.minus(Duration.ofHours(1))).build();
        PartyProfile beyond = Profiles.person("P-BEYOND", "CY-FUTURE-2", 1_500)
                .setUpdatedAt(Instant.parse("2100-06-01T00:00:00Z")).build();
        List<Transaction> deposits = JobIntegrationTest.plantedDeposits(ring).subList(0, 4);
        Transaction clock = Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock").day(30, 0).build();

        List<Transaction> all = new ArrayList<>(deposits);
        all.add(clock);
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "future");
        TreeSet<String> expected = engine(List.of(future), all, o.maxOutOfOrderness);
        o.deliveryGuarantee = JobOptions.Guarantee.AT_LEAST_ONCE;
        o.bufferTimeout = Duration.ofMillis(5);
        kafka.createTopics(new Topics(o).all(), 2);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic, List.of(future, beyond), p -> ((PartyProfile) p).getPartyId());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        JobClient job = env.executeAsync("future-dated profile");
        try {
            Thread.sleep(8_000);   // the profiles are read; both inputs idle (idleness 1 s)
            KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, deposits, v -> ring);
            Thread.sleep(8_000);
            assertTrue(KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class).isEmpty(),
                    "the deposits wait for a watermark past them: event time is not the profile's 2099");
            KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, List.of(clock), v -> "CY-CLOCK");
            List<Alert> live = awaitAlerts(o, 1);
            assertEquals(expected, contents(live));
            assertEquals(ring + "-dep-3", live.get(0).getTriggeringTxId());
            Map<String, Object> acc = job.getAccumulators().get();
            assertEquals(0L, ((Number) acc.get(AccountScreening.LATE_TRANSACTIONS)).longValue(),
                    "every deposit screened in event-time order, none behind the watermark");
            List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class);
            assertEquals(1, dead.size(), dead.toString());
            assertTrue(dead.get(0).getReason().contains("updatedAt"), dead.get(0).getReason());
        } finally {
            job.cancel().get();
        }
    }

    private static List<Alert> awaitAlerts(JobOptions o, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        while (alerts.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(250);
            alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        }
        return alerts;
    }
}
