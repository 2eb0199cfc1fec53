package org.htscreen.job.operators;

import java.time.Instant;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.htscreen.job.RuleSource;

/**
 * The rules and parameters in force in one operator instance, and how control messages change them: a new
 * version is validated and compiled first and swapped in only when it is valid; otherwise the running version
 * stays and the result says why. Not thread-safe (used from one operator thread).
 */
public final class ActiveRules implements AutoCloseable {

    private final ScreeningMetrics metrics;
    private CompiledRules compiled;
    private ParameterOverrides overrides;
    private AccountScreener screener;
    /** Version label of the last accepted RULE_SET message ("" while the start-up rules are in force). */
    private String ruleSetLabel = "";

    public ActiveRules(RuleSource source, ScreeningMetrics metrics) {
        this.metrics = metrics;
        RuleSet rules = source.ruleSet();
        this.overrides = source.overrides(rules);
        this.compiled = SharedCompilations.of(rules);
        this.screener = new AccountScreener(compiled, Parameters.of(rules.catalogue(), overrides), metrics);
    }

    public AccountScreener screener() {
        return screener;
    }

    public String ruleSetVersion() {
        return compiled.ruleSet().version();
    }

    public String parameterSetVersion() {
        return screener.parameters().version();
    }

    /** Whether a control message's version is the one in force for its kind. */
    public boolean inForce(ControlMessage m) {
        return m.getKind() == ControlKind.PARAMETERS ? m.getVersion().equals(parameterSetVersion())
                : m.getVersion().equals(ruleSetLabel);
    }

    /** Applies a control message if it is valid; returns what happened. */
    public ControlResult apply(ControlMessage m) {
        try {
            if (m.getKind() == ControlKind.PARAMETERS) {
                if (m.getParameters() == null) {
                    throw new InvalidParameterException("PARAMETERS message without parameters text");
                }
                ParameterOverrides o = ParameterOverrides.parse(m.getParameters(), "parameters " + m.getVersion());
                o = new ParameterOverrides(m.getVersion(), o.values());
                Parameters p = Parameters.of(compiled.ruleSet().catalogue(), o);
                swap(compiled, o, p);
                return result(m, true, "parameter set " + m.getVersion() + " is in force");
            }
            RuleSet rules = RuleSet.fromFiles("control " + m.getVersion(), m.getFiles());
            Parameters p = Parameters.of(rules.catalogue(), overrides);
            CompiledRules c = SharedCompilations.of(rules);
            swap(c, overrides, p);
            ruleSetLabel = m.getVersion();
            return result(m, true, "rule set " + m.getVersion() + " (" + c.ruleSet().version() + ") is in force with "
                    + c.ruleSet().catalogue().rules().size() + " rules");
        } catch (RuleSetException | InvalidParameterException e) {
            return result(m, false, "rejected, " + ruleSetVersion() + " / " + parameterSetVersion() + " stays in force: "
                    + e.getMessage());
        }
    }

    private void swap(CompiledRules c, ParameterOverrides o, Parameters p) {
        AccountScreener next = new AccountScreener(c, p, metrics);
        AccountScreener old = screener;
        compiled = c;
        overrides = o;
        screener = next;
        old.close();
    }

    private ControlResult result(ControlMessage m, boolean accepted, String message) {
        return ControlResult.newBuilder().setVersion(m.getVersion()).setKind(m.getKind().name()).setAccepted(accepted)
                .setMessage(message).setRuleSetVersion(ruleSetVersion()).setParameterSetVersion(parameterSetVersion())
                .setTime(Instant.now()).build();
    }

    @Override
    public void close() {
        screener.close();
    }
}
