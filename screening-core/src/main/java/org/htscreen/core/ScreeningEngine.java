package org.htscreen.core;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.network.IdentifierGroup;
import org.htscreen.core.network.IdentifierIndex;
import org.htscreen.core.network.LinkUpdate;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;

/**
 * The embeddable screening engine: feed it transactions and customer profiles, get signals and explainable
 * alerts back. State is kept in memory per account; {@link #exportState} and {@link #importState} let a host keep
 * it elsewhere.
 *
 * <pre>
 * try (ScreeningEngine engine = ScreeningEngine.builder().build()) {   // bundled rules, default parameters
 *     engine.upsertProfile(profile);
 *     for (Alert alert : engine.screen(tx).alerts()) { ... }
 * }
 * </pre>
 *
 * <p>Thread-safety: an engine is not thread-safe (it holds a Drools session and mutable account state).
 * Use one engine per thread, partitioned by account, or synchronise calls. Building an engine compiles the rules
 * (about 2 s); build it once.
 */
public final class ScreeningEngine implements AutoCloseable {

    private final AccountScreener screener;
    private final TransactionValidator validator;
    private final ProfileValidator profileValidator = new ProfileValidator();
    private final EventTimeBuffer buffer;
    private final LongSupplier clock;
    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, PartyProfile> profiles = new HashMap<>();
    private final IdentifierIndex identifiers;

    private ScreeningEngine(Builder b) {
        RuleSet rules = b.compiled != null ? b.compiled.ruleSet() : b.rules != null ? b.rules : RuleSet.bundled();
        ParameterOverrides overrides = b.overrides != null ? b.overrides
                : rules.overrides().orElse(ParameterOverrides.none());
        Parameters params = Parameters.of(rules.catalogue(), overrides);
        CompiledRules compiled = b.compiled != null ? b.compiled : CompiledRules.compile(rules);
        ScreeningMetrics metrics = b.registry == null ? ScreeningMetrics.inMemory() : new ScreeningMetrics(b.registry);
        this.screener = new AccountScreener(compiled, params, metrics);
        this.screener.useExemptions(b.exemptions);
        this.validator = new TransactionValidator(rules.reference());
        this.buffer = b.lateness.isZero() ? null : new EventTimeBuffer(b.lateness.toMillis());
        this.clock = b.clock;
        this.identifiers = new IdentifierIndex(b.maxIdentifierParties);
    }

    /** A builder; with no settings it uses the bundled rules and default parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Screens a transaction: every side that is one of the bank's accounts (both sides of an internal
     * transfer). With a lateness set, the transaction may be held back and earlier ones released instead.
     *
     * @throws InvalidTransactionException when the transaction cannot be screened (the reason says why)
     */
    public ScreeningResult screen(Transaction tx) {
        validator.problem(tx).ifPresent(p -> {
            throw new InvalidTransactionException(tx == null ? null : tx.getTxId(), p);
        });
        if (buffer == null) {
            return new ScreeningResult(screenNow(tx));
        }
        List<AccountOutcome> outcomes = new ArrayList<>();
        for (Transaction ready : buffer.offer(tx)) {
            outcomes.addAll(screenNow(ready));
        }
        return new ScreeningResult(outcomes);
    }

    /** Screens every transaction still held back by the lateness buffer (call at end of input). */
    public ScreeningResult flush() {
        List<AccountOutcome> outcomes = new ArrayList<>();
        if (buffer != null) {
            for (Transaction ready : buffer.drain()) {
                outcomes.addAll(screenNow(ready));
            }
        }
        return new ScreeningResult(outcomes);
    }

    private List<AccountOutcome> screenNow(Transaction tx) {
        List<AccountOutcome> outcomes = new ArrayList<>(2);
        for (AccountSide side : AccountSide.of(tx)) {
            AccountState state = accounts.computeIfAbsent(side.accountId(), AccountScreener::newState);
            outcomes.add(screener.screen(state, side, clock.getAsLong()));
        }
        return outcomes;
    }

    /**
     * Stores a customer profile (the latest version per party wins) on each of its accounts, and updates the
     * shared-identifier index. A profile reaches at most {@link ProfileFanOut#MAX_ACCOUNTS} accounts (validation
     * refuses longer lists first).
     *
     * @throws InvalidProfileException when the profile cannot be stored ({@link ProfileValidator}; the reason says
     *                                 why); nothing about it is kept
     */
    public void upsertProfile(PartyProfile given) {
        profileValidator.problem(given).ifPresent(p -> {
            throw new InvalidProfileException(given == null ? null : given.getPartyId(), p);
        });
        PartyProfile profile = ProfileFanOut.bounded(given);
        PartyProfile previous = profiles.put(profile.getPartyId(), profile);
        for (String accountId : profile.getAccountIds()) {
            AccountScreener.applyProfile(accounts.computeIfAbsent(accountId, AccountScreener::newState), profile);
        }
        for (LinkUpdate u : identifiers.update(previous, profile)) {
            AccountScreener.applyLink(accounts.computeIfAbsent(u.accountId(), AccountScreener::newState), u.link());
        }
    }

    /** A copy of an account's state, for a host that stores it elsewhere. */
    public Optional<AccountState> exportState(String accountId) {
        return Optional.ofNullable(accounts.get(accountId)).map(AccountStates::copy);
    }

    /** Puts an account's state back (replacing what the engine holds for that account). */
    public void importState(AccountState state) {
        accounts.put(state.getAccountId(), AccountStates.copy(state));
    }

    /**
     * Puts another set of exemptions in force for the following transactions (e.g. a newly approved file); the
     * running set stays when this one is refused. Read a file with {@link Exemptions#read}.
     *
     * @throws org.htscreen.core.exemptions.InvalidExemptionsException when an exemption names a rule not in the rules
     */
    public void useExemptions(Exemptions exemptions) {
        screener.useExemptions(exemptions);
    }

    /** The exemptions in force. */
    public Exemptions exemptions() {
        return screener.exemptions();
    }

    /** Accounts the engine holds state for. */
    public Collection<String> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    /** Version of the rule set in use. */
    public String ruleSetVersion() {
        return screener.rules().ruleSet().version();
    }

    /** Version of the parameter set in use. */
    public String parameterSetVersion() {
        return screener.parameters().version();
    }

    /** The parameter values in use. */
    public Parameters parameters() {
        return screener.parameters();
    }

    @Override
    public void close() {
        screener.close();
    }

    /** Settings of a {@link ScreeningEngine}. */
    public static final class Builder {
        private RuleSet rules;
        private CompiledRules compiled;
        private ParameterOverrides overrides;
        private MeterRegistry registry;
        private Duration lateness = Duration.ZERO;
        private LongSupplier clock = System::currentTimeMillis;
        private int maxIdentifierParties = IdentifierGroup.DEFAULT_MAX_PARTIES;
        private Exemptions exemptions = Exemptions.none();

        private Builder() {
        }

        /** The rule set; default {@link RuleSet#bundled()}. */
        public Builder rules(RuleSet rules) {
            this.rules = rules;
            return this;
        }

        /**
         * Rules already compiled, e.g. shared by the engines of several threads or of a parameter sweep (a compiled
         * rule set is thread-safe; each engine opens its own session). Replaces {@link #rules}; saves the compile.
         */
        public Builder compiledRules(CompiledRules compiled) {
            this.compiled = compiled;
            return this;
        }

        /** Parameter overrides; default none (or the rule-set directory's {@code parameters.yaml}). */
        public Builder parameters(ParameterOverrides overrides) {
            this.overrides = overrides;
            return this;
        }

        /** Registry for the engine's Micrometer meters; default a private in-memory registry. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** How late a transaction may arrive and still be screened in event-time order; default zero. */
        public Builder lateness(Duration lateness) {
            this.lateness = lateness;
            return this;
        }

        /**
         * Members of a shared-identifier group that hear every change of it (default
         * {@link IdentifierGroup#DEFAULT_MAX_PARTIES}); parties beyond get one "shared by more than K customers"
         * finding. Keep it above the rules' party thresholds.
         */
        public Builder maxIdentifierParties(int maxParties) {
            if (maxParties < 2) {
                throw new IllegalArgumentException("maxIdentifierParties must be at least 2, got " + maxParties);
            }
            this.maxIdentifierParties = maxParties;
            return this;
        }

        /**
         * Exemptions in force (ADR 0017): alerts they cover are not raised but returned as
         * {@link ScreeningResult#suppressions()}; signals are still recorded. Default none.
         */
        public Builder exemptions(Exemptions exemptions) {
            this.exemptions = java.util.Objects.requireNonNull(exemptions, "exemptions");
            return this;
        }

        /** Wall clock for the alerts' processing time; default the system clock. */
        public Builder clock(LongSupplier clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Compiles the rules (unless given compiled) and builds the engine.
         *
         * @throws org.htscreen.core.rules.RuleSetException when the rules do not compile
         * @throws org.htscreen.core.params.InvalidParameterException when an override is invalid
         */
        public ScreeningEngine build() {
            return new ScreeningEngine(this);
        }
    }
}
