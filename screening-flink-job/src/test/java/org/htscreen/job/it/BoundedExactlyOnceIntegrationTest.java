package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.job.operators.AccountScreening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded replays exactly once ({@code --bounded}, the default delivery guarantee) where every alert is released by
 * the end-of-input watermark: the out-of-orderness is longer than the data, so no transaction is screened before the
 * sources end, and the alerts can only be in the Kafka transactions that the final checkpoint (FLIP-147) commits.
 * Two timings: the input is read before the screening operator has opened (its rules compile for seconds), so the
 * first checkpoint is the final one; and a slow source, so that checkpoints complete while transactions still flow
 * and the end-of-input alerts are committed by a later checkpoint. The transactions are months old and the test
 * broker enforces retention every second: an alert timestamped with its event time would be deleted before it is read
 * (ADR 0008). {@code -Dhtscreen.it.bounded-eo.rounds=N} repeats each timing N times.
 */
class BoundedExactlyOnceIntegrationTest extends KafkaFlinkTest {

    private static final int ROUNDS = Integer.getInteger("htscreen.it.bounded-eo.rounds", 1);
    private static final int RINGS = 4;
    private static final Set<String> RING_ACCOUNTS =
            IntStream.range(0, RINGS).mapToObj(i -> "CY-RING-" + i).collect(Collectors.toCollection(TreeSet::new));

    @Test
    @Timeout(600)
    void alerts_released_by_the_end_of_input_are_committed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            replay("beo-fast-" + round, Duration.ofMillis(200), 10, UnaryOperator.identity());
        }
    }

    @Test
    @Timeout(600)
    void alerts_released_by_the_end_of_input_are_committed_after_checkpoints_completed_mid_input() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            SlowUntilCheckpoints.reset();
            replay("beo-slow-" + round, Duration.ofMillis(100), 20,
                    s -> s.map(new SlowUntilCheckpoints(), new AvroTypeInfo<>(Transaction.class)).name("test: slow source").uid("test-slow"));
            assertEquals(2, SlowUntilCheckpoints.COMPLETED_AT_LAST.size(), "both source subtasks passed transactions");
            assertTrue(SlowUntilCheckpoints.completedBeforeLast() >= 2,
                    "checkpoints completed while transactions still flowed: " + SlowUntilCheckpoints.COMPLETED_AT_LAST);
        }
    }

    private static void replay(String prefix, Duration checkpointInterval, int benignAccounts,
            UnaryOperator<DataStream<Transaction>> tap) throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), prefix);
        o.bounded = true;
        o.deliveryGuarantee = JobOptions.Guarantee.EXACTLY_ONCE;
        o.checkpointInterval = checkpointInterval;
        o.maxOutOfOrderness = Duration.ofDays(60);   // longer than the data: nothing is screened before the end
        kafka.createTopics(new Topics(o).all(), 2);
        List<Transaction> txs = new ArrayList<>();
        for (String ring : RING_ACCOUNTS) {
            txs.addAll(JobIntegrationTest.plantedDeposits(ring));
        }
        for (int b = 0; b < benignAccounts; b++) {
            txs.addAll(JobIntegrationTest.benign("CY-SAL-" + b));
        }
        txs.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, txs, v -> ((Transaction) v).getTxId());

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled(), tap);
        JobExecutionResult result = env.execute("htscreen bounded exactly-once test " + prefix);

        assertEquals(0L, ((Number) result.getAccumulatorResult(AccountScreening.LATE_TRANSACTIONS)).longValue(),
                "transactions screened before the end of input");
        assertEquals(List.of(), KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class));
        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        assertEquals(RING_ACCOUNTS, alerts.stream().map(Alert::getAccountId).collect(Collectors.toCollection(TreeSet::new)),
                prefix + ": committed alerts");
        assertEquals(RINGS, alerts.size(), prefix + ": one alert per ring account: " + alerts);
    }

    /**
     * Passes transactions on slowly until its subtask has seen two checkpoints complete, then at full speed; records
     * per subtask how many checkpoints had completed when it passed its last transaction.
     */
    static final class SlowUntilCheckpoints extends RichMapFunction<Transaction, Transaction> implements CheckpointListener {
        static final Map<Integer, Integer> COMPLETED_AT_LAST = new ConcurrentHashMap<>();
        private int completed;

        static void reset() {
            COMPLETED_AT_LAST.clear();
        }

        /** Checkpoints completed before the last transaction, the fewest over the subtasks. */
        static int completedBeforeLast() {
            return COMPLETED_AT_LAST.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }

        @Override
        public Transaction map(Transaction t) throws Exception {
            if (completed < 2) {
                Thread.sleep(40);
            }
            COMPLETED_AT_LAST.put(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), completed);
            return t;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed++;
        }
    }
}
