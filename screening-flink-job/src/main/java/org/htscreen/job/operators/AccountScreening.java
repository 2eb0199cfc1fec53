package org.htscreen.job.operators;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.ShadowSignal;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SuppressedAlert;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Suppression;
import org.htscreen.core.AccountOutcome;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.metrics.FlinkMetricsBridge;
import org.htscreen.job.state.AccountStateSerializer;

/**
 * Keyed by account: keeps the account's {@link AccountState} in Flink keyed state (with TTL), holds transactions
 * back until the watermark passes them and screens them in event-time order with the engine (or, with
 * {@link ScreeningOrder#ARRIVAL}, screens each one as it arrives); applies profiles
 * and network findings to the state at once; takes rule and parameter updates from the broadcast control stream.
 * All screening logic is the engine's ({@link AccountScreener}).
 */
public final class AccountScreening extends KeyedBroadcastProcessFunction<String, AccountInput, ControlMessage, Alert>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountScreening.class);

    /** Broadcast state: the latest accepted control message per kind. */
    public static final MapStateDescriptor<String, ControlMessage> CONTROL_STATE = new MapStateDescriptor<>(
            "control", Types.STRING, new AvroTypeInfo<>(ControlMessage.class));
    /** Side output: results of control messages (from subtask 0 only). */
    public static final OutputTag<ControlResult> CONTROL_RESULTS = new OutputTag<>("control-results",
            new AvroTypeInfo<>(ControlResult.class));

    /** Side output: signals of shadow rules ({@code mode: shadow}), recorded and never counted in an alert. */
    public static final OutputTag<ShadowSignal> SHADOW_SIGNALS = new OutputTag<>("shadow-signals",
            new AvroTypeInfo<>(ShadowSignal.class));

    /**
     * Side output: alerts that exemptions kept from being raised, with the exemption ids (ADR 0017), for the audit
     * trail; every one is also logged at INFO with the exemption ids, account and alert id.
     */
    public static final OutputTag<SuppressedAlert> SUPPRESSED = new OutputTag<>("suppressed-alerts",
            new AvroTypeInfo<>(SuppressedAlert.class));

    /**
     * Accumulator (and, in the group {@code htscreen}, metric) name: account sides screened out of event-time order:
     * in event-time order, those that arrived behind the watermark (screened at once); in arrival order, those
     * earlier than a transaction of the account already screened.
     */
    public static final String LATE_TRANSACTIONS = "late_transactions";
    /** Metric names (group {@code htscreen}): control updates accepted and rejected (bad signature, invalid, ...). */
    public static final String CONTROL_ACCEPTED = "control_accepted";
    public static final String CONTROL_REJECTED = "control_rejected";

    /**
     * Keyed state: transactions held back until the watermark passes them, by event time (as Flink's own sort
     * operator keeps them), so that a timer reads and removes only its own time's entries and a transaction's cost
     * does not grow with the account's backlog. Before this, one list held the whole backlog ({@code "pending"},
     * still drained once after a restore from such a checkpoint).
     */
    static final String PENDING = "pending-by-time";

    private static final Comparator<AccountInput> EVENT_ORDER = Comparator
            .comparing((AccountInput in) -> in.getTransaction().getEventTime())
            .thenComparing(in -> in.getTransaction().getTxId());

    private final RuleSource rules;
    private final StateTtlConfig ttl;   // null: no expiry
    private final ScreeningOrder order;

    private transient ValueState<AccountState> state;
    private transient MapState<Long, List<AccountInput>> pending;
    private transient ListState<AccountInput> legacyPending;
    private transient ActiveRules active;
    private transient FlinkMetricsBridge bridge;
    private transient Counter late;
    private transient Counter failed;
    private transient LongCounter lateTotal;
    private transient boolean caughtUp;
    /** Control updates rolled back for failing at run time, kept (union list state) so a restore does not re-apply them. */
    private transient ListState<String> rolledBackState;
    private final java.util.Set<String> rolledBack = new java.util.HashSet<>();
    private transient Counter controlAccepted;
    private transient Counter controlRejected;

    public AccountScreening(RuleSource rules, StateTtlConfig ttl, ScreeningOrder order) {
        this.rules = rules;
        this.ttl = ttl;
        this.order = order;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<AccountState> s = new ValueStateDescriptor<>("account-state", new AccountStateSerializer());
        StateExpiry.apply(s, ttl);
        state = getRuntimeContext().getState(s);
        MapStateDescriptor<Long, List<AccountInput>> p = new MapStateDescriptor<>(PENDING, Types.LONG,
                Types.LIST(new AvroTypeInfo<>(AccountInput.class)));
        // No TTL on the held transactions, whatever --state-ttl says: their timers remove them, and on the heap
        // backend the TTL's incremental clean-up copied the whole map on every access (quadratic in the backlog).
        pending = getRuntimeContext().getMapState(p);
        ListStateDescriptor<AccountInput> legacy = new ListStateDescriptor<>("pending", new AvroTypeInfo<>(AccountInput.class));
        StateExpiry.apply(legacy, ttl);
        legacyPending = getRuntimeContext().getListState(legacy);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        active = new ActiveRules(rules, new ScreeningMetrics(registry), rolledBack,
                getRuntimeContext().getTaskInfo().getAttemptNumber());
        bridge = new FlinkMetricsBridge(registry, getRuntimeContext().getMetricGroup());
        late = getRuntimeContext().getMetricGroup().addGroup("htscreen").counter(LATE_TRANSACTIONS);
        failed = DeadLetters.failureCounter(getRuntimeContext().getMetricGroup());
        controlAccepted = getRuntimeContext().getMetricGroup().addGroup("htscreen").counter(CONTROL_ACCEPTED);
        controlRejected = getRuntimeContext().getMetricGroup().addGroup("htscreen").counter(CONTROL_REJECTED);
        lateTotal = new LongCounter();
        getRuntimeContext().addAccumulator(LATE_TRANSACTIONS, lateTotal);
    }

    @Override
    public void processElement(AccountInput in, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        catchUp(ctx.getBroadcastState(CONTROL_STATE));
        publishRollbacks(ctx);
        // the account's state is read only where it is used: a held transaction does not read it (on RocksDB, each
        // read decodes the whole state)
        if (in.getProfile() != null || in.getLink() != null) {
            AccountState s = current(in.getAccountId());
            if (applyOrDeadLetter(s, in, ctx)) {
                state.update(s);
            }
        } else if (in.getTransaction() != null) {
            long t = in.getTransaction().getEventTime().toEpochMilli();
            if (order == ScreeningOrder.ARRIVAL || t <= ctx.timerService().currentWatermark()) {
                AccountState s = current(in.getAccountId());
                // out of event-time order: in event-time order, later than the allowed out-of-orderness (screened as
                // it comes); in arrival order, earlier than a transaction of this account already screened
                if (order == ScreeningOrder.EVENT_TIME || t < s.getLastEventTime()) {
                    late.inc();
                    lateTotal.add(1L);
                }
                if (screenOrDeadLetter(s, in, ctx, out)) {
                    state.update(s);
                }
            } else {
                List<AccountInput> atTime = pending.get(t);
                List<AccountInput> held = atTime == null ? new ArrayList<>(1) : new ArrayList<>(atTime);
                held.add(in);
                pending.put(t, held);
                ctx.timerService().registerEventTimeTimer(t);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        catchUp(ctx.getBroadcastState(CONTROL_STATE));
        publishRollbacks(ctx);
        List<AccountInput> atTime = pending.get(timestamp);
        List<AccountInput> due = fromLegacyList(timestamp);   // empty, one look-up, unless restored from a list
        if (atTime != null) {
            due.addAll(atTime);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(EVENT_ORDER);
        AccountState s = current(ctx.getCurrentKey());
        for (AccountInput in : due) {
            screenOrDeadLetter(s, in, ctx, out);
        }
        state.update(s);
        pending.remove(timestamp);
    }

    /**
     * Transactions due by a timer that are still in the single list of a checkpoint taken before the time-indexed
     * buffer (the first timer after such a restore takes every due one, as that version did); none otherwise.
     */
    private List<AccountInput> fromLegacyList(long timestamp) throws Exception {
        List<AccountInput> due = new ArrayList<>();
        List<AccountInput> later = new ArrayList<>();
        Iterable<AccountInput> legacy = legacyPending.get();
        if (legacy == null) {
            return due;
        }
        for (AccountInput in : legacy) {
            (in.getTransaction().getEventTime().toEpochMilli() <= timestamp ? due : later).add(in);
        }
        if (!due.isEmpty()) {
            legacyPending.update(later);
        }
        return due;
    }

    /**
     * Applies a profile (unless the state holds a newer version of it) or a network finding to the state. If that
     * fails, the state is put back as it was and the input becomes a dead letter.
     *
     * @return whether the state was changed
     */
    private boolean applyOrDeadLetter(AccountState s, AccountInput in, ReadOnlyContext ctx) {
        StateRollback before = StateRollback.of(s);
        try {
            if (in.getProfile() != null) {
                AccountScreener.applyProfile(s, in.getProfile());
            } else {
                AccountScreener.applyLink(s, in.getLink());
            }
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            before.restore(s);
            deadLetter(in, ctx, e);
            return false;
        }
    }

    /**
     * Screens one transaction side. If screening fails (whatever the exception), the state is put back as it was
     * before this transaction, the side becomes a dead letter with the reason, and screening goes on with the next
     * input: no input can stop the operator, nor poison the account's state.
     *
     * @return whether it was screened
     */
    private boolean screenOrDeadLetter(AccountState s, AccountInput in, ReadOnlyContext ctx, Collector<Alert> out) {
        StateRollback before = StateRollback.of(s);
        AccountOutcome o;
        try {
            o = active.screen(s, TransactionSides.side(in), System.currentTimeMillis());
        } catch (RuntimeException | StackOverflowError e) {
            before.restore(s);
            deadLetter(in, ctx, e);
            return false;
        }
        emit(o, ctx, out);
        emitShadow(o, ctx);
        return true;
    }

    private void emitShadow(AccountOutcome o, ReadOnlyContext ctx) {
        for (Signal sig : o.shadowSignals()) {
            bridge.shadowRule(sig.getRuleId());
            ctx.output(SHADOW_SIGNALS, ShadowSignal.newBuilder().setAccountId(o.accountId()).setTxId(o.txId())
                    .setSignal(sig).setRuleSetVersion(active.ruleSetVersion())
                    .setParameterSetVersion(active.parameterSetVersion()).build());
        }
    }

    private void deadLetter(AccountInput in, ReadOnlyContext ctx, Throwable e) {
        failed.inc();
        ctx.output(DeadLetters.TAG, DeadLetters.failure(ScreeningPipeline.UID_SCREENING, in.getAccountId(), in, e));
    }

    private void emit(AccountOutcome o, ReadOnlyContext ctx, Collector<Alert> out) {
        for (Signal sig : o.signals()) {
            bridge.rule(sig.getRuleId());
        }
        for (Alert a : o.alerts()) {
            bridge.typology(a.getTypology().name());
            out.collect(a);
        }
        for (Suppression sup : o.suppressions()) {
            Alert a = sup.suppressed();
            bridge.suppressed(a.getTypology().name());
            LOG.info("alert {} of account {} ({}) suppressed by exemptions {} of set {}{}", a.getAlertId(),
                    a.getAccountId(), a.getTypology(), sup.exemptionIds(), sup.exemptionSetVersion(),
                    sup.whole() ? "" : "; raised instead without the exempted part: " + sup.raisedAlertId());
            ctx.output(SUPPRESSED, SuppressedAlert.newBuilder().setExemptionIds(new ArrayList<>(sup.exemptionIds()))
                    .setExemptionSetVersion(sup.exemptionSetVersion()).setAccountId(a.getAccountId())
                    .setAlertId(a.getAlertId()).setRaisedAlertId(sup.raisedAlertId()).setAlert(a)
                    .setTime(java.time.Instant.now()).build());
        }
        for (Exemption e : o.expired()) {
            ctx.output(CONTROL_RESULTS, active.expired(e, o.txId()));
        }
    }

    private AccountState current(String accountId) throws Exception {
        AccountState s = state.value();
        return s != null ? s : AccountScreener.newState(accountId);
    }

    /**
     * After a restore (or on an instance that missed nothing), applies accepted control messages not yet in force.
     * Needed once after {@code open}: later messages are applied as they arrive ({@link #processBroadcastElement}).
     * A stored update goes through the same checks as a new one: its signatures are verified again against the
     * keys the job trusts now (a key removed from the trusted set no longer vouches for it), and one that fails
     * is not applied (logged, counted; the start-up version stays).
     */
    private void catchUp(ReadOnlyBroadcastState<String, ControlMessage> control) throws Exception {
        if (caughtUp) {
            return;
        }
        caughtUp = true;
        for (String kind : List.of("RULE_SET", "PARAMETERS", "EXEMPTIONS")) {   // exemptions are checked against the rules
            ControlMessage m = control.get(kind);
            if (m != null && !active.inForce(m)) {
                count(active.apply(m));
            } else if (m != null) {
                active.inForceSince(m);   // its issue time still bars older bundles (replay, ADR 0012)
            }
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage m, Context ctx, Collector<Alert> out) throws Exception {
        ControlResult r = active.apply(m);
        count(r);
        if (r.getAccepted()) {
            ctx.getBroadcastState(CONTROL_STATE).put(m.getKind().name(), m);
        }
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(CONTROL_RESULTS, r);
        }
    }

    /** Publishes the results of rollbacks made while screening earlier records (a failed record may have ended that call). */
    private void publishRollbacks(ReadOnlyContext ctx) {
        for (ControlResult r : active.drainResults()) {
            if (!r.getAccepted()) {
                controlRejected.inc();
            }
            ctx.output(CONTROL_RESULTS, r);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        rolledBackState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("rolled-back-control", Types.STRING));
        for (String key : rolledBackState.get()) {
            rolledBack.add(key);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        rolledBackState.update(new ArrayList<>(rolledBack));
    }

    private void count(ControlResult r) {
        (r.getAccepted() ? controlAccepted : controlRejected).inc();
    }

    @Override
    public void close() {
        if (active != null) {
            active.close();
        }
    }

    /** For tests: the versions in force. */
    public Map<String, String> versions() {
        return Map.of("rules", active.ruleSetVersion(), "parameters", active.parameterSetVersion());
    }
}
