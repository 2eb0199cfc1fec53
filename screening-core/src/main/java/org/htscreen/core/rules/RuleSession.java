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
 * every family, profile), fires, collects the signals and removes the facts again. The parameters and the signal
 * sink stay in the session between evaluations (the parameters are replaced when another set is passed), so
 * the rules' partial matches on them are built once. Not thread-safe: one session per thread.
 */
public final class RuleSession implements AutoCloseable {

    private final KieSession session;
    private final SignalSink sink;
    private final List<FactHandle> handles = new ArrayList<>(16);
    private Parameters params;
    private FactHandle paramsHandle;

    RuleSession(CompiledRules rules) {
        this.session = rules.kieBase().newKieSession();
        this.sink = new SignalSink(rules.ruleSet().catalogue());
        session.insert(sink);
    }

    /** Evaluates every enabled rule against one screened transaction and returns the signals raised. */
    public List<Signal> evaluate(String accountId, FeatureContext ctx) {
        Parameters params = use(ctx.params());
        try {
            handles.add(session.insert(new ScreenedTransaction(accountId, ctx.current(), ctx.ref())));
            handles.add(session.insert(ctx.profile()));
            for (Function<FeatureContext, Object> calc : FamilyFeatures.CALCULATORS) {
                handles.add(session.insert(calc.apply(ctx)));
            }
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

    private Parameters use(Parameters next) {
        if (next != params) {
            if (paramsHandle != null) {
                session.delete(paramsHandle);
            }
            paramsHandle = session.insert(next);
            params = next;
        }
        return next;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
