package org.htscreen.job.operators;

import java.time.Instant;
import java.util.List;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.ExemptionChange;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.InvalidExemptionsException;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleChange;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.job.RuleSource;
import org.htscreen.job.control.ControlPolicy;
import org.htscreen.job.control.ControlRejected;
import org.htscreen.job.control.ControlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules and parameters in force in one operator instance, and how control messages change them: an update is
 * admitted by the {@link ControlPolicy} (signatures), checked against the DRL allow-list, validated and compiled
 * first, checked for silent blinding, and swapped in only when all of that passed; otherwise the running version
 * stays and the result says why. Any exception while applying an update is a rejection, never a failure of the
 * operator. Every accepted change is logged at INFO with its version, signer key ids and what changed. Not
 * thread-safe (used from one operator thread).
 */
public final class ActiveRules implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);
    /**
     * A version applied by a control update is rolled back to the one before when this many evaluations under it
     * failed (an exception or the evaluation time limit) and failures outnumber successes since it was applied.
     */
    public static final int ROLLBACK_AFTER_FAILURES = 3;

    private final ScreeningMetrics metrics;
    private final int attempt;
    private final ControlPolicy policy;
    private CompiledRules compiled;
    private ParameterOverrides overrides;
    private AccountScreener screener;
    /** Version label of the last accepted RULE_SET message ("" while the start-up rules are in force). */
    private String ruleSetLabel = "";
    /** The version in force before the last accepted update (null once rolled back or at start-up). */
    private Version previous;
    private ControlMessage lastUpdate;
    private int failuresSinceUpdate;
    private int successesSinceUpdate;
    /** Updates rolled back for failing at run time ({@link #key}), kept in operator state across restores. */
    private final java.util.Set<String> rolledBack;
    private final java.util.ArrayDeque<ControlResult> pending = new java.util.ArrayDeque<>();
    /** Issue time (epoch ms) of the last stamped bundle accepted, per kind: a bundle must be issued after it. */
    private final java.util.EnumMap<ControlKind, Long> lastIssued = new java.util.EnumMap<>(ControlKind.class);
    /** The exemptions in force (ADR 0017): from {@code --exemptions}, then from EXEMPTIONS control updates. */
    private Exemptions exemptions;

    /** What is in force: enough to go back to it. */
    private record Version(CompiledRules compiled, ParameterOverrides overrides, Parameters parameters, String label) {
    }

    public ActiveRules(RuleSource source, ScreeningMetrics metrics) {
        this(source, metrics, new java.util.HashSet<>(), 0);
    }

    /**
     * With the updates rolled back earlier (restored from operator state; the set is updated in place) and the task's
     * attempt number (compilations are shared within one attempt only, see {@link SharedCompilations}).
     */
    public ActiveRules(RuleSource source, ScreeningMetrics metrics, java.util.Set<String> rolledBack, int attempt) {
        this.metrics = metrics;
        this.attempt = attempt;
        this.rolledBack = rolledBack;
        this.policy = source.control();
        RuleSet rules = source.ruleSet();
        this.overrides = source.overrides(rules);
        this.compiled = SharedCompilations.of(rules, attempt);
        this.screener = new AccountScreener(compiled, Parameters.of(rules.catalogue(), overrides), metrics);
        this.exemptions = source.exemptions(rules.catalogue());
        this.screener.useExemptions(exemptions);
    }

    /** The exemption set in force. */
    public Exemptions exemptions() {
        return exemptions;
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
        return switch (m.getKind()) {
            case PARAMETERS -> m.getVersion().equals(parameterSetVersion());
            case EXEMPTIONS -> m.getVersion().equals(exemptions.version());
            default -> m.getVersion().equals(ruleSetLabel);
        };
    }

    /**
     * Screens one account side with the version in force, counting failures: when a version applied by a control
     * update keeps failing, it is rolled back (see {@link #ROLLBACK_AFTER_FAILURES}) and a control result saying so
     * waits in {@link #drainResults()}. The failure itself is rethrown for the caller to dead-letter.
     */
    public org.htscreen.core.AccountOutcome screen(org.htscreen.avro.AccountState state,
            org.htscreen.core.history.AccountSide side, long now) {
        try {
            org.htscreen.core.AccountOutcome o = screener.screen(state, side, now);
            successesSinceUpdate++;
            return o;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private void failed(RuntimeException e) {
        failuresSinceUpdate++;
        if (previous == null || failuresSinceUpdate < ROLLBACK_AFTER_FAILURES
                || failuresSinceUpdate <= successesSinceUpdate) {
            return;
        }
        ControlMessage bad = lastUpdate;
        Version back = previous;
        rolledBack.add(key(bad));
        AccountScreener old = screener;
        compiled = back.compiled();
        overrides = back.overrides();
        ruleSetLabel = back.label();
        screener = new AccountScreener(back.compiled(), back.parameters(), metrics);
        keepExemptions(screener);
        old.close();
        previous = null;
        String why = bad.getKind() + " " + bad.getVersion() + " rolled back after " + failuresSinceUpdate
                + " failed evaluations (" + successesSinceUpdate + " succeeded) since it was applied, the last: "
                + (e.getMessage() == null ? e.toString() : e.getMessage());
        LOG.error("control update {}; back to rules {}, parameters {}", why, ruleSetVersion(), parameterSetVersion());
        pending.add(result(bad, false, why + "; " + ruleSetVersion() + " / " + parameterSetVersion() + " is in force again"));
    }

    /** Control results produced while screening (rollbacks), to publish; empties the queue. */
    public java.util.List<ControlResult> drainResults() {
        java.util.List<ControlResult> out = new java.util.ArrayList<>(pending);
        pending.clear();
        return out;
    }

    /** How a rolled-back update is remembered: kind, version and content. */
    static String key(ControlMessage m) {
        byte[] bundle = ControlPolicy.bundleBytes(m);
        int content = java.util.Arrays.hashCode(bundle) * 31 + java.util.Objects.hash(m.getParameters(), m.getFiles());
        return m.getKind() + ":" + m.getVersion() + ":" + Integer.toHexString(content);
    }

    /** Applies a control message if it is admitted and valid; returns what happened. Never throws. */
    public ControlResult apply(ControlMessage m) {
        try {
            if (m.getVersion() == null || m.getKind() == null) {
                throw new ControlRejected("a control message needs a version and a kind");
            }
            if (rolledBack.contains(key(m))) {
                throw new ControlRejected("this update was rolled back earlier for failing at run time");
            }
            ControlUpdate u = policy.admit(m);
            checkIssued(m, u);
            if (!u.signed()) {
                LOG.warn("control update {} {} is applied WITHOUT signature verification (--allow-unsigned-control)",
                        m.getKind(), m.getVersion());
            }
            if (m.getKind() == ControlKind.PARAMETERS) {
                if (u.parametersYaml() == null) {
                    throw new ControlRejected("PARAMETERS update without parameters text");
                }
                ParameterOverrides o = ParameterOverrides.parse(u.parametersYaml(), "parameters " + m.getVersion());
                if (u.signed() && !o.version().equals(m.getVersion())) {
                    throw new ControlRejected("the message names version " + m.getVersion()
                            + " but the signed parameters say version " + o.version());
                }
                o = new ParameterOverrides(m.getVersion(), o.values());
                Parameters p = Parameters.of(compiled.ruleSet().catalogue(), o);
                RuleChange change = guard(u, compiled.ruleSet(), p);
                remember(m);
                swap(compiled, o, p);
                issued(m, u);
                return accepted(m, u, change, "parameter set " + m.getVersion() + " is in force");
            }
            if (m.getKind() == ControlKind.EXEMPTIONS) {
                return applyExemptions(m, u);
            }
            RuleSet rules = RuleSet.fromFiles("control " + m.getVersion(), u.files());
            try {
                exemptions.checkAgainst(rules.catalogue());
            } catch (InvalidExemptionsException e) {
                throw new ControlRejected(e.getMessage() + ": revoke or change the exemption first");
            }
            Parameters p = Parameters.of(rules.catalogue(), overrides);
            RuleChange change = guard(u, rules, p);
            CompiledRules c = SharedCompilations.of(rules, attempt);   // the DRL allow-list runs before anything compiles
            remember(m);
            swap(c, overrides, p);
            issued(m, u);
            ruleSetLabel = m.getVersion();
            return accepted(m, u, change, "rule set " + m.getVersion() + " (" + c.ruleSet().version() + ") is in force with "
                    + c.ruleSet().catalogue().rules().size() + " rules");
        } catch (Exception | StackOverflowError | NoClassDefFoundError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!(e instanceof ControlRejected) && !(e instanceof org.htscreen.core.rules.RuleSetException)
                    && !(e instanceof org.htscreen.core.params.InvalidParameterException)
                    && !(e instanceof InvalidExemptionsException)) {
                why = e.getClass().getSimpleName() + ": " + why;
            }
            LOG.warn("control update {} {} rejected: {}", m.getKind(), m.getVersion(), why);
            String running = m.getKind() == ControlKind.EXEMPTIONS ? "exemption set " + exemptions.version()
                    : ruleSetVersion() + " / " + parameterSetVersion();
            return result(m, false, "rejected, " + running + " stays in force: " + why);
        }
    }

    /**
     * Replaces the whole exemption set: the file must be valid against the rules in force and name the message's
     * version, and a set that exempts more than {@code --max-exempted-accounts} accounts at once needs one signature
     * more (ADR 0017); the result (the audit record) names what changed: ids added, removed and changed.
     */
    private ControlResult applyExemptions(ControlMessage m, ControlUpdate u) {
        String yaml = u.files().get(RuleBundle.EXEMPTIONS);
        if (yaml == null || u.files().size() != 1) {
            throw new ControlRejected("an EXEMPTIONS update carries " + RuleBundle.EXEMPTIONS + " alone");
        }
        Exemptions next = Exemptions.parse(yaml, "exemptions " + m.getVersion(), compiled.ruleSet().catalogue());
        if (!next.version().equals(m.getVersion())) {
            throw new ControlRejected("the message names version " + m.getVersion() + " but the exemptions say version "
                    + next.version());
        }
        ExemptionChange.between(exemptions, next).blinding(policy.maxExemptedAccounts())
                .ifPresent(why -> needsOneSignatureMore(u, why));
        String changes = next.changesFrom(exemptions);
        screener.useExemptions(next);
        exemptions = next;
        issued(m, u);
        String signers = u.signers().isEmpty() ? "nobody (unsigned)" : String.join(", ", u.signers());
        LOG.info("control update accepted: EXEMPTIONS {}, content sha256 {}, signed by {}; {}", m.getVersion(),
                u.contentId(), signers, changes);
        return result(m, true, "exemption set " + m.getVersion() + " is in force; signed by " + signers + "; content sha256 "
                + u.contentId() + "; " + changes);
    }

    /**
     * The audit record of an exemption found expired at the first transaction of its account after its expiry
     * (event time): published on the control-results topic like the changes of the set.
     */
    public ControlResult expired(Exemption e, String txId) {
        String what = "exemption " + e.id() + " (account " + e.accountId() + ", " + e.scope() + ", approved by "
                + e.approver() + ") expired at " + e.expiresAt() + "; found at transaction " + txId
                + ", the first of the account after it; no longer applied";
        LOG.info("exemption set {}: {}", exemptions.version(), what);
        return ControlResult.newBuilder().setVersion(exemptions.version()).setKind(ControlKind.EXEMPTIONS.name())
                .setAccepted(true).setMessage(what).setRuleSetVersion(ruleSetVersion())
                .setParameterSetVersion(parameterSetVersion()).setTime(Instant.now()).build();
    }

    /** Puts the exemptions in force on a new screener; ones that name a rule it lacks are dropped (logged). */
    private void keepExemptions(AccountScreener next) {
        try {
            next.useExemptions(exemptions);
        } catch (InvalidExemptionsException e) {
            LOG.error("exemption set {} dropped, every alert is raised again: {}", exemptions.version(), e.getMessage());
            exemptions = Exemptions.none();
        }
    }

    /**
     * Refuses a replay (ADR 0012): a stamped bundle not issued after the last stamped bundle of its kind that was
     * accepted, and an unstamped bundle once a stamped one of its kind was accepted (an unstamped bundle cannot be
     * told from an old one). Unstamped bundles before any stamped one are still taken, with a warning: bundles
     * signed before stamps existed keep working until the first stamped one.
     */
    private void checkIssued(ControlMessage m, ControlUpdate u) {
        if (m.getBundle() == null) {
            return;   // unsigned updates (--allow-unsigned-control) carry no stamp
        }
        Long last = lastIssued.get(m.getKind());
        if (u.issuedAt() == null) {
            if (last != null) {
                throw new ControlRejected("replay refused: the bundle has no issue time (" + RuleBundle.ISSUED
                        + "), and a " + kindWords(m) + " issued at " + Instant.ofEpochMilli(last)
                        + " was accepted; sign the files again to issue a new bundle");
            }
            LOG.warn("control update {} {} is an unstamped bundle: not protected against replay (sign it again with "
                    + "this release to stamp it)", m.getKind(), m.getVersion());
            return;
        }
        if (last != null && u.issuedAt() <= last) {
            throw new ControlRejected("replay refused: the bundle was issued at " + Instant.ofEpochMilli(u.issuedAt())
                    + ", not after the " + kindWords(m) + " accepted last (issued at " + Instant.ofEpochMilli(last)
                    + "); to go back to older content, sign it again so that it is issued now");
        }
    }

    private void issued(ControlMessage m, ControlUpdate u) {
        if (u.issuedAt() != null) {
            lastIssued.merge(m.getKind(), u.issuedAt(), Math::max);
        }
    }

    /**
     * Notes the issue time of a stored control message that is already in force (after a restore), so that bundles
     * issued before it are refused as replays as if it had just been applied.
     */
    public void inForceSince(ControlMessage m) {
        if (m.getBundle() == null || m.getKind() == null) {
            return;
        }
        try {
            RuleBundle.parse(ControlPolicy.bundleBytes(m)).issued().ifPresent(i -> lastIssued.merge(m.getKind(), i.toEpochMilli(), Math::max));
        } catch (org.htscreen.core.bundle.BundleException e) {
            LOG.warn("stored control update {} {} cannot be read again: {}", m.getKind(), m.getVersion(), e.getMessage());
        }
    }

    private static String kindWords(ControlMessage m) {
        return switch (m.getKind()) {
            case PARAMETERS -> "parameter set";
            case EXEMPTIONS -> "exemption set";
            default -> "rule set";
        };
    }

    /** Refuses a change that could blind screening unless it carries one signature more than required. */
    private RuleChange guard(ControlUpdate u, RuleSet next, Parameters p) {
        RuleChange change = RuleChange.between(compiled.ruleSet().catalogue(), screener.parameters(), next.catalogue(), p);
        change.blinding(policy.maxDisabledShare()).ifPresent(why -> needsOneSignatureMore(u, why));
        return change;
    }

    /** Refuses an update that could blind screening (why) unless it carries one signature more than required. */
    private void needsOneSignatureMore(ControlUpdate u, String why) {
        int needed = policy.required(true);
        if (!u.signed()) {
            throw new ControlRejected("could blind screening: " + why + "; such an update needs " + needed
                    + " signatures by trusted keys");
        }
        if (u.signers().size() < needed) {
            throw new ControlRejected("could blind screening: " + why + "; it needs " + needed
                    + " signatures by distinct trusted keys and has " + u.signers().size());
        }
    }

    private ControlResult accepted(ControlMessage m, ControlUpdate u, RuleChange change, String what) {
        List<String> signers = u.signers();
        LOG.info("control update accepted: {} {}, content sha256 {}, signed by {}; {}; in force: rules {}, parameters {}",
                m.getKind(), m.getVersion(), u.contentId(), signers.isEmpty() ? "nobody (unsigned)" : signers,
                change.summary(), ruleSetVersion(), parameterSetVersion());
        return result(m, true, what + "; signed by " + (signers.isEmpty() ? "nobody (unsigned)" : String.join(", ", signers))
                + "; " + change.summary());
    }

    /** Keeps the version in force, to roll back to if the update fails at run time. */
    private void remember(ControlMessage m) {
        previous = new Version(compiled, overrides, screener.parameters(), ruleSetLabel);
        lastUpdate = m;
        failuresSinceUpdate = 0;
        successesSinceUpdate = 0;
    }

    private void swap(CompiledRules c, ParameterOverrides o, Parameters p) {
        AccountScreener next = new AccountScreener(c, p, metrics);
        keepExemptions(next);
        AccountScreener old = screener;
        compiled = c;
        overrides = o;
        screener = next;
        old.close();
    }

    private ControlResult result(ControlMessage m, boolean accepted, String message) {
        return ControlResult.newBuilder().setVersion(String.valueOf(m.getVersion()))
                .setKind(String.valueOf(m.getKind())).setAccepted(accepted)
                .setMessage(message).setRuleSetVersion(ruleSetVersion()).setParameterSetVersion(parameterSetVersion())
                .setTime(Instant.now()).build();
    }

    @Override
    public void close() {
        screener.close();
    }
}
