package org.htscreen.job.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serializer in the keyed state of a real job on a Flink MiniCluster, with the heap and the RocksDB backend:
 * account histories grow one entry per record, the job fails once after a checkpoint and restores the states from
 * it, and every account ends with each of its entries exactly once.
 */
class AccountStateSerializerJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int ACCOUNTS = 20;
    private static final long RECORDS = 4_000;
    private static final long FAIL_AFTER = 600;
    private static final long T0 = 1_772_438_400_000L;
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void histories_in_keyed_state_survive_a_failure_and_restore(String backend) throws Exception {
        FAILED.set(false);
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);

        Map<String, Integer> largest = new TreeMap<>();
        try (CloseableIterator<Tuple2<String, Integer>> sizes = env.fromSequence(1, RECORDS)
                .map(AccountStateSerializerJobTest::slowly).returns(Types.LONG)
                .keyBy(n -> "A" + n % ACCOUNTS, Types.STRING)
                .process(new AppendToHistory())
                .returns(Types.TUPLE(Types.STRING, Types.INT))
                .executeAndCollect("account state serializer on " + backend)) {
            sizes.forEachRemaining(s -> largest.merge(s.f0, s.f1, Math::max));
        }

        assertTrue(FAILED.get(), "the failure must really have happened");
        assertEquals(ACCOUNTS, largest.size());
        largest.forEach((account, size) -> assertEquals(RECORDS / ACCOUNTS, (long) size, account));
    }

    /** A record a millisecond at the source, so that checkpoint barriers do not wait behind buffered records. */
    private static long slowly(long n) throws InterruptedException {
        Thread.sleep(1);
        return n;
    }

    /** Adds one history entry per record to the account's state and emits the history's size. */
    private static final class AppendToHistory extends KeyedProcessFunction<String, Long, Tuple2<String, Integer>>
            implements CheckpointListener {

        private static final long serialVersionUID = 1L;

        private transient ValueState<AccountState> state;
        private transient boolean checkpointed;
        private transient long seen;

        @Override
        public void open(OpenContext openContext) {
            ValueStateDescriptor<AccountState> d = new ValueStateDescriptor<>("account-state", new AccountStateSerializer());
            d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(120))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite).cleanupFullSnapshot().build());
            state = getRuntimeContext().getState(d);
        }

        @Override
        public void processElement(Long n, Context ctx, Collector<Tuple2<String, Integer>> out) throws Exception {
            if (checkpointed && ++seen > FAIL_AFTER / 2 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            AccountState s = state.value();
            if (s == null) {
                s = AccountState.newBuilder().setAccountId(ctx.getCurrentKey()).setHistory(new ArrayList<>())
                        .setSignals(new ArrayList<>()).setLinks(new ArrayList<>()).setLastAlerts(new ArrayList<>())
                        .build();
            }
            s.getHistory().add(entry(n));
            Set<String> ids = new HashSet<>();
            for (HistoryEntry e : s.getHistory()) {
                if (!ids.add(e.getTxId()) || !e.equals(entry(Long.parseLong(e.getTxId().substring(3))))) {
                    throw new IllegalStateException("restored history is wrong at " + e.getTxId());
                }
            }
            s.setLastEventTime(T0 + n);
            state.update(s);
            out.collect(Tuple2.of(ctx.getCurrentKey(), s.getHistory().size()));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }

        private static HistoryEntry entry(long n) {
            HistoryEntry e = new HistoryEntry();
            e.setTxId("tx-" + n);
            e.setTime(T0 + 60_000L * n);
            long localMinute = (T0 + 60_000L * n) / 60_000 + 120;
            e.setLocalDay((int) (localMinute / 1_440));
            e.setLocalMinute((int) (localMinute % 1_440));
            e.setCredit(n % 3 == 0);
            e.setChannel(Channel.values()[(int) (n % Channel.values().length)]);
            e.setAmountEur(n % 7 == 0 ? n / 3.0 : n / 100.0);
            e.setMcc(n % 2 == 0 ? "5411" : null);
            e.setCounterparty("CP-" + n % 13);
            e.setCounterpartyType(n % 5 == 0 ? null : PartyType.BUSINESS);
            e.setCountry("CY");
            e.setTerminalId("T-" + n % 11);
            e.setTown(n % 4 == 0 ? "Limassol" : "Nicosia");
            e.setWhiteLabel(n % 17 == 0);
            e.setFlags((int) (n % 9));
            e.setDeviceId(n % 10 == 0 ? "DEV-" + n : null);
            return e;
        }
    }
}
