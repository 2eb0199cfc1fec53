package org.htscreen.core.rules;

import java.time.Duration;
import java.util.ArrayList;
import org.kie.api.event.rule.AgendaEventListener;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.htscreen.avro.Signal;
import org.htscreen.core.features.FamilyFeatures;
import org.htscreen.core.features.FeatureContext;
import org.htscreen.core.features.ScreenedTransaction;
import org.htscreen.core.params.Parameters;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Evaluates the rules for one screened transaction at a time: puts the facts (transaction, profile, features of
 * every family) into the session, fires and collects the signals. A side whose facts open no rule's gate does not
 * enter (ADR 0022); one that enters puts in only the facts an open rule reads, and takes out the others (ADR 0029).
 * A fact that stays in is replaced through an update of the same handle. The parameters and the signal sink are DRL globals
 * ({@code $p}, {@code $out}), so constraints on parameters stay alpha constraints of one pattern and rules join
 * fewer facts (ADR 0007). Not thread-safe: one session per thread.
 */
public final class RuleSession implements AutoCloseable {

    /** The DRL global holding the {@link Parameters} in force: {@code global Parameters $p;}. */
    public static final String PARAMETERS_GLOBAL = "$p";
    /** The DRL global rules report signals to: {@code global SignalSink $out;}. */
    public static final String SINK_GLOBAL = "$out";

    /**
     * Longest a rule evaluation may run, in CPU time of the evaluating thread, before the watchdog stops it. CPU time,
     * not wall-clock time: a thread waiting for a core on a busy host, or for a garbage collection, is not overrunning.
     */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(200);
    private final CompiledRules rules;
    private final KieBase base;
    private KieSession session;
    private final SignalSink sink;
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    /** Halts an evaluation that overruns the time limit; re-armed for every evaluation (ADR 0022). */
    private final CpuWatchdog watchdog = new CpuWatchdog(DEFAULT_TIME_LIMIT);
    /** Test hook: a listener added to every session this one opens (e.g. to slow matches down). */
    private AgendaEventListener listener;
    /** The handle of each fact position in the session, null while that position's fact is out. */
    private FactHandle[] handles;
    private final Set<String> globals;
    private Parameters params;
    /** The rules' gates bound to this session's fact order, on the first evaluation. */
    private RuleGates.Bound gates;
    private Object[] facts;
    private boolean entered;

    RuleSession(CompiledRules rules, KieBase base) {
        this.rules = rules;
        this.base = base;
        this.sink = new SignalSink(rules.ruleSet().catalogue());
        this.globals = new HashSet<>();
        base.getKiePackages().forEach(p -> p.getGlobalVariables().forEach(g -> globals.add(g.getName())));
        this.session = openSession();
    }

    private KieSession openSession() {
        KieSession s = base.newKieSession();
        if (globals.contains(SINK_GLOBAL)) {
            s.setGlobal(SINK_GLOBAL, sink);
        }
        if (listener != null) {
            s.addEventListener(listener);
        }
        return s;
    }

    /** Sets the longest an evaluation may run (default {@link #DEFAULT_TIME_LIMIT}). */
    public RuleSession timeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the evaluation time limit must be positive");
        }
        this.timeLimit = limit;
        watchdog.limit(limit);
        return this;
    }

    /** Test hook: adds an agenda listener to this session (and to any session that replaces it). */
    void addListener(AgendaEventListener l) {
        this.listener = l;
        session.addEventListener(l);
    }

    /** Evaluates every enabled rule against one screened transaction and returns the signals raised. */
    public List<Signal> evaluate(String accountId, FeatureContext ctx) {
        Object[] facts = facts(accountId, ctx);
        long needed = gates.open(facts, ctx.params());
        entered = needed != 0;
        if (!entered) {
            return List.of();   // no enabled rule can fire on this kind of transaction (ADR 0022)
        }
        Parameters params = use(ctx.params());
        try {
            for (int i = 0; i < facts.length; i++) {
                if (i >= Long.SIZE || (needed & (1L << i)) != 0) {
                    put(i, facts[i]);
                } else {
                    takeOut(i);   // no open rule reads it (ADR 0029)
                }
            }
            watchdog.start(session);
            try {
                session.fireAllRules(match -> params.enabled(match.getRule().getName()));
            } finally {
                watchdog.stop();
            }
            if (watchdog.overran()) {
                discard();
                throw new EvaluationTimeoutException(String.valueOf(ctx.current().getTxId()), "rule evaluation ran longer than "
                        + timeLimit.toMillis() + " ms and was stopped (rule set " + rules.ruleSet().version() + ")");
            }
            return sink.drain();
        } catch (EvaluationTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            reset();
            throw e;
        } finally {
            sink.drain();
        }
    }

    /** Whether the last evaluation entered Drools (false: it opened no enabled rule's gate, ADR 0022). */
    public boolean entered() {
        return entered;
    }

    /** One evaluation's facts in session order: the transaction, the profile, each family's features. */
    private Object[] facts(String accountId, FeatureContext ctx) {
        if (facts == null) {
            facts = new Object[2 + FamilyFeatures.CALCULATORS.size()];
            handles = new FactHandle[facts.length];
        }
        int i = 0;
        facts[i++] = new ScreenedTransaction(accountId, ctx.current(), ctx.ref());
        facts[i++] = ctx.profile();
        for (Function<FeatureContext, Object> calc : FamilyFeatures.CALCULATORS) {
            facts[i++] = calc.apply(ctx);
        }
        if (gates == null) {
            List<Class<?>> types = new ArrayList<>(facts.length);
            for (Object f : facts) {
                types.add(f.getClass());
            }
            Set<String> inBase = new HashSet<>();   // live or shadow rules: only this session's rules open it
            base.getKiePackages().forEach(p -> p.getRules().forEach(r -> inBase.add(r.getName())));
            gates = rules.gates().bind(types, inBase);
        }
        return facts;
    }

    /**
     * Puts the i-th fact of an evaluation into the session: inserted when that position is out, else an update of
     * the same handle. Updating keeps the rules' memories from emptying and refilling on every transaction, which
     * costs more than the update itself; a rule still fires once per evaluation in which it matches.
     */
    private void put(int i, Object fact) {
        if (handles[i] != null) {
            session.update(handles[i], fact);
        } else {
            handles[i] = session.insert(fact);
        }
    }

    /** Takes the i-th fact position's fact (of an earlier evaluation) out of the session, if it is in. */
    private void takeOut(int i) {
        if (handles[i] != null) {
            session.delete(handles[i]);
            handles[i] = null;
        }
    }

    /** Removes the evaluation's facts, e.g. after a failed evaluation, so that the next one starts clean. */
    private void reset() {
        for (int i = 0; i < handles.length; i++) {
            takeOut(i);
        }
    }

    /** Throws the session away (a halted session is not reused) and opens a fresh one. */
    private void discard() {
        java.util.Arrays.fill(handles, null);
        try {
            session.dispose();
        } catch (RuntimeException ignored) {
            // a halted session may refuse to dispose cleanly; it is dropped either way
        }
        session = openSession();
        params = null;
    }

    private Parameters use(Parameters next) {
        if (next != params) {
            if (globals.contains(PARAMETERS_GLOBAL)) {
                session.setGlobal(PARAMETERS_GLOBAL, next);
            }
            params = next;
        }
        return next;
    }

    @Override
    public void close() {
        watchdog.close();
        session.dispose();
    }
}
