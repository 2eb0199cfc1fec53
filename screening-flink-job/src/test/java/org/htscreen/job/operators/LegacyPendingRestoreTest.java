package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.state.AccountStateSerializer;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of the version before the time-indexed pending buffer (ADR 0014) held an account's waiting
 * transactions in one list, {@code "pending"}, with an event-time timer per transaction. Such a snapshot, made here by
 * a fixture that writes the list exactly as that version did (same state name, type, serializer and TTL), is restored
 * into {@link AccountScreening}: the listed transactions are screened when the watermark passes them, together with
 * transactions that arrive after the restore (in the time-indexed buffer), and the alerts are those of a run without
 * a restore.
 */
class LegacyPendingRestoreTest {

    private static final String A = "CY-ACC-9";
    private static final int MAX_PARALLELISM = 720;
    /** The state TTL of the earlier versions' default (120 days); since ADR 0013 a job has none unless --state-ttl. */
    private static final StateTtlConfig OLD_TTL = StateExpiry.of(Duration.ofDays(120));

    /** The earlier version's handling of a transaction: appended to the account's list, a timer at its event time. */
    static final class ListPendingVersion extends KeyedBroadcastProcessFunction<String, AccountInput, ControlMessage, Alert> {
        private static final long serialVersionUID = 1L;
        private final StateTtlConfig ttl;
        private transient ListState<AccountInput> pending;

        ListPendingVersion(StateTtlConfig ttl) {
            this.ttl = ttl;
        }

        @Override
        public void open(OpenContext openContext) {
            ListStateDescriptor<AccountInput> p = new ListStateDescriptor<>("pending", new AvroTypeInfo<>(AccountInput.class));
            StateExpiry.apply(p, ttl);
            pending = getRuntimeContext().getListState(p);
        }

        @Override
        public void processElement(AccountInput in, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
            pending.add(in);
            ctx.timerService().registerEventTimeTimer(in.getTransaction().getEventTime().toEpochMilli());
        }

        @Override
        public void processBroadcastElement(ControlMessage m, Context ctx, Collector<Alert> out) {
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> harness(
            KeyedBroadcastProcessFunction<String, AccountInput, ControlMessage, Alert> f) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(f, List.of(AccountScreening.CONTROL_STATE)),
                AccountInput::getAccountId, Types.STRING, MAX_PARALLELISM, 1, 0);
    }

    private static AccountScreening current(StateTtlConfig ttl) {
        return new AccountScreening(RuleSource.bundledWith(AccountScreeningTest.ONE_FAMILY), ttl, ScreeningOrder.EVENT_TIME);
    }

    private static void send(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h, Transaction tx)
            throws Exception {
        h.processElement(AccountInput.newBuilder().setAccountId(A).setCredit(true).setPartyId("P-9").setTransaction(tx).build(),
                tx.getEventTime().toEpochMilli());
    }

    /** What identifies an alert (not its processing time). */
    private static List<String> contents(List<Alert> alerts) {
        return alerts.stream().map(a -> a.getAlertId() + " " + a.getTriggeringTxId() + " " + a.getTypology() + " "
                + a.getScore() + " " + a.getSignals().stream().map(s -> s.getRuleId() + ":" + s.getEvidenceTxIds()).sorted().toList())
                .toList();
    }

    /** Alerts of the current version on all the deposits, without a restore. */
    private static List<String> withoutRestore(List<Transaction> txs, StateTtlConfig ttl) throws Exception {
        try (var h = harness(current(ttl))) {
            h.setStateTtlProcessingTime(0);
            h.open();
            for (Transaction t : txs) {
                send(h, t);
            }
            h.watermark(txs.get(txs.size() - 1).getEventTime().toEpochMilli());
            return contents(h.extractOutputValues());
        }
    }

    private void drainsIntoTheTimeIndexedBuffer(StateTtlConfig oldTtl, StateTtlConfig newTtl) throws Exception {
        List<Transaction> txs = AccountScreeningTest.nightDeposits(10, 0);
        OperatorSubtaskState snapshot;
        try (var old = harness(new ListPendingVersion(oldTtl))) {
            old.setStateTtlProcessingTime(0);
            old.open();
            for (Transaction t : txs.subList(0, 6)) {
                send(old, t);
            }
            assertEquals(6, old.numEventTimeTimers());
            snapshot = old.snapshot(1L, 1L);
        }

        try (var restored = harness(current(newTtl))) {
            restored.setStateTtlProcessingTime(0);
            restored.initializeState(snapshot);
            restored.open();
            assertEquals(6, restored.numEventTimeTimers(), "the old version's timers are restored");
            assertEquals(6, count(legacyList(restored)), "the old list is read");
            for (Transaction t : txs.subList(6, 10)) {
                send(restored, t);   // after the restore: into the time-indexed buffer
            }
            restored.watermark(txs.get(txs.size() - 1).getEventTime().toEpochMilli());

            List<String> alerts = contents(restored.extractOutputValues());
            assertFalse(alerts.isEmpty(), "the deposits alert");
            assertEquals(withoutRestore(txs, newTtl), alerts);
            assertEquals(0, restored.numEventTimeTimers());
            assertEquals(0, count(legacyList(restored)), "the old list is drained");
            assertTrue(timeIndexedEmpty(restored), "nothing left in " + AccountScreening.PENDING);
            assertEquals(10, stored(restored).getHistory().size(), "every deposit screened once");
        }
    }

    @Test
    void an_old_list_form_checkpoint_restored_with_the_same_ttl_is_screened_as_without_a_restore() throws Exception {
        drainsIntoTheTimeIndexedBuffer(OLD_TTL, OLD_TTL);
    }

    @Test
    void an_old_list_form_checkpoint_with_the_old_default_ttl_restored_without_ttl_is_screened_as_without_a_restore() throws Exception {
        drainsIntoTheTimeIndexedBuffer(OLD_TTL, null);
    }

    private static <T> T keyed(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h,
            java.util.concurrent.Callable<T> read) throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(A);
        return read.call();
    }

    private static Iterable<AccountInput> legacyList(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h)
            throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        return keyed(h, () -> backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ListStateDescriptor<>("pending", new AvroTypeInfo<>(AccountInput.class))).get());
    }

    private static boolean timeIndexedEmpty(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h)
            throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        return keyed(h, () -> backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>(AccountScreening.PENDING, Types.LONG, Types.LIST(new AvroTypeInfo<>(AccountInput.class))))
                .isEmpty());
    }

    private static AccountState stored(KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, Alert> h)
            throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        return keyed(h, () -> backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("account-state", new AccountStateSerializer())).value());
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        if (items != null) {
            for (Object ignored : items) {
                n++;
            }
        }
        return n;
    }
}
