package org.htscreen.core.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountOutcome;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;

/**
 * Runs transactions through the real bundled rules (compiled once per JVM) for one account at a time, and
 * records what each rule said. Thresholds for tests come from {@link #param} so tests follow the catalogue.
 */
public final class RuleHarness {

    private static CompiledRules compiled;

    private final AccountScreener screener;
    private final Map<String, AccountState> states = new LinkedHashMap<>();
    private final List<AccountOutcome> outcomes = new ArrayList<>();

    private RuleHarness(Parameters params) {
        this.screener = new AccountScreener(rules(), params, ScreeningMetrics.inMemory());
    }

    /** The bundled rules, compiled once for the whole test JVM. */
    public static synchronized CompiledRules rules() {
        if (compiled == null) {
            compiled = CompiledRules.compile(RuleSet.bundled());
        }
        return compiled;
    }

    public static Catalogue catalogue() {
        return rules().ruleSet().catalogue();
    }

    /** A harness with the catalogue's default parameters. */
    public static RuleHarness withDefaults() {
        return new RuleHarness(Parameters.defaults(catalogue()));
    }

    /** A harness with some parameters overridden, e.g. {@code Map.of("HT-CASH-01.min_deposits", 5)}. */
    public static RuleHarness with(Map<String, Object> overrides) {
        List<ParameterOverrides.Override> list = new ArrayList<>();
        overrides.forEach((k, v) -> list.add(new ParameterOverrides.Override(k, v, "test")));
        return new RuleHarness(Parameters.of(catalogue(), new ParameterOverrides("test", list)));
    }

    /** A default parameter value as a number, e.g. {@code param("HT-CASH-01.min_deposits")}. */
    public static double param(String key) {
        return Parameters.defaults(catalogue()).num(key);
    }

    /** A default integer parameter. */
    public static int count(String key) {
        return Parameters.defaults(catalogue()).count(key);
    }

    private AccountState state(String accountId) {
        return states.computeIfAbsent(accountId, AccountScreener::newState);
    }

    /** Sets the holder's profile on each of its accounts. */
    public RuleHarness profile(PartyProfile profile) {
        for (String a : profile.getAccountIds()) {
            AccountScreener.applyProfile(state(a), profile);
        }
        return this;
    }

    /** Adds a network finding to an account. */
    public RuleHarness link(String accountId, IdentifierLink link) {
        AccountScreener.applyLink(state(accountId), link);
        return this;
    }

    /** Screens transactions in the order given (all sides that are the bank's accounts). */
    public RuleHarness run(Transaction... txs) {
        for (Transaction tx : txs) {
            for (AccountSide side : AccountSide.of(tx)) {
                outcomes.add(screener.screen(state(side.accountId()), side, 0L));
            }
        }
        return this;
    }

    /** Screens transactions built with {@link Tx}. */
    public RuleHarness run(Tx... txs) {
        for (Tx t : txs) {
            run(t.build());
        }
        return this;
    }

    /** Screens a list of transactions. */
    public RuleHarness run(List<Transaction> txs) {
        txs.forEach(this::run);
        return this;
    }

    /** Signals of one rule raised on one account, in order. */
    public List<Signal> signals(String accountId, String ruleId) {
        List<Signal> out = new ArrayList<>();
        for (AccountOutcome o : outcomes) {
            if (o.accountId().equals(accountId)) {
                o.signals().stream().filter(s -> s.getRuleId().equals(ruleId)).forEach(out::add);
            }
        }
        return out;
    }

    /** Whether a rule fired on an account at least once. */
    public boolean fired(String accountId, String ruleId) {
        return !signals(accountId, ruleId).isEmpty();
    }

    /** Whether a rule fired on the last transaction screened for the account. */
    public boolean firedLast(String accountId, String ruleId) {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            AccountOutcome o = outcomes.get(i);
            if (o.accountId().equals(accountId)) {
                return o.signals().stream().anyMatch(s -> s.getRuleId().equals(ruleId));
            }
        }
        return false;
    }

    /** Puts exemptions in force for the following transactions (ADR 0017). */
    public RuleHarness exemptions(org.htscreen.core.exemptions.Exemptions exemptions) {
        screener.useExemptions(exemptions);
        return this;
    }

    /** Every alert suppressed by an exemption. */
    public List<org.htscreen.core.exemptions.Suppression> suppressions() {
        List<org.htscreen.core.exemptions.Suppression> out = new ArrayList<>();
        outcomes.forEach(o -> out.addAll(o.suppressions()));
        return out;
    }

    /** Every alert raised. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        outcomes.forEach(o -> out.addAll(o.alerts()));
        return out;
    }

    /** The state of an account (for assertions on memory and links). */
    public AccountState stateOf(String accountId) {
        return state(accountId);
    }
}
