package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.Typology;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live job in arrival order alerts on the transaction that completes a pattern, with nothing after it to move
 * event time on; the same input in event-time order waits for a later transaction (a watermark past it), also when
 * the transactions input goes idle in between.
 */
class ArrivalOrderIntegrationTest extends KafkaFlinkTest {

    private static final Duration QUIET = Duration.ofSeconds(8);
    /** The planted deposits up to this one raise the alert (the fourth completes the pattern); none come after. */
    private static final int LAST_DEPOSIT = 3;

    @Test
    @Timeout(180)
    void arrival_order_alerts_at_once_and_event_time_order_waits_for_a_later_transaction() throws Exception {
        try (LiveJob arrival = new LiveJob("arrival", JobOptions.ScreeningOrder.ARRIVAL)) {
            arrival.send(deposits());
            List<Alert> alerts = arrival.awaitAlerts(1);
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("CY-RING-1", alerts.get(0).getAccountId());
            assertEquals(Typology.SEXUAL_EXPLOITATION, alerts.get(0).getTypology());
            assertEquals("CY-RING-1-dep-" + LAST_DEPOSIT, alerts.get(0).getTriggeringTxId(),
                    "the last deposit completes the pattern");
        }
        try (LiveJob eventTime = new LiveJob("event-time", JobOptions.ScreeningOrder.EVENT_TIME)) {
            eventTime.send(deposits());
            Thread.sleep(QUIET.toMillis());   // idleness is 1 s: the transactions input has gone idle
            assertTrue(eventTime.alerts().isEmpty(), "the last deposit waits for a watermark past it, also while the "
                    + "transactions input is idle: " + eventTime.alerts());
            eventTime.send(List.of(Tx.card("CY-CLOCK", 5, "5411", "Kiosk").id("clock").day(30, 0).build()));
            List<Alert> alerts = eventTime.awaitAlerts(1);
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("CY-RING-1-dep-" + LAST_DEPOSIT, alerts.get(0).getTriggeringTxId());
        }
    }

    private static List<Transaction> deposits() {
        return JobIntegrationTest.plantedDeposits("CY-RING-1").subList(0, LAST_DEPOSIT + 1);
    }

    /** The job running live (at least once, unbounded) on its own topics. */
    private static final class LiveJob implements AutoCloseable {
        private final JobOptions o;
        private final JobClient job;

        LiveJob(String prefix, JobOptions.ScreeningOrder order) throws Exception {
            o = KafkaTestSupport.options(kafka.bootstrapServers(), prefix);
            o.screeningOrder = order;
            o.deliveryGuarantee = JobOptions.Guarantee.AT_LEAST_ONCE;
            o.bufferTimeout = Duration.ofMillis(5);
            kafka.createTopics(new org.htscreen.job.Topics(o).all(), 2);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            ScreeningJob.configure(env, o);
            ScreeningPipeline.build(env, o, RuleSource.bundled());
            job = env.executeAsync("screening order test " + prefix);
        }

        void send(List<Transaction> txs) {
            KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, txs, v -> "CY-RING-1");
        }

        List<Alert> alerts() {
            return KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        }

        List<Alert> awaitAlerts(int n) throws InterruptedException {
            long deadline = System.nanoTime() + QUIET.toNanos() * 4;
            List<Alert> alerts = alerts();
            while (alerts.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(250);
                alerts = alerts();
            }
            return alerts;
        }

        @Override
        public void close() throws Exception {
            job.cancel().get();
        }
    }
}
