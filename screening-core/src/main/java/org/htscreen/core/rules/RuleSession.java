package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.htscreen.avro.Signal;
import org.htscreen.core.features.FamilyFeatures;
import org.htscreen.core.features.FeatureContext;
import org.htscreen.core.features.ScreenedTransaction;
import org.htscreen.core.params.Parameters;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Evaluates the rules for one screened transaction at a time: inserts the facts (transaction, features of
 * every family, profile, parameters, the signal sink), fires, collects the signals and removes the facts again.
 * The Drools session is reused between evaluations. Not thread-safe: one session per thread.
 */
public final class RuleSession implements AutoCloseable {

    private final KieSession session;
    private final SignalSink sink;
    private final List<FactHandle> handles = new ArrayList<>(16);

    RuleSession(CompiledRules rules) {
        this.session = rules.kieBase().newKieSession();
        this.sink = new SignalSink(rules.ruleSet().catalogue());
    }

    /** Evaluates every enabled rule against one screened transaction and returns the signals raised. */
    public List<Signal> evaluate(String accountId, FeatureContext ctx) {
        Parameters params = ctx.params();
        try {
            handles.add(session.insert(new ScreenedTransaction(accountId, ctx.current(), ctx.ref())));
            handles.add(session.insert(ctx.profile()));
            handles.add(session.insert(params));
            for (Function<FeatureContext, Object> calc : FamilyFeatures.CALCULATORS) {
                handles.add(session.insert(calc.apply(ctx)));
            }
            handles.add(session.insert(sink));
            session.fireAllRules(match -> params.enabled(match.getRule().getName()));
            return sink.drain();
        } finally {
            for (FactHandle h : handles) {
                session.delete(h);
            }
            handles.clear();
            sink.drain();
        }
    }

    @Override
    public void close() {
        session.dispose();
    }
}
