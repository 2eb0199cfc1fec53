package org.htscreen.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.SettledRole;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.evidence.EvidenceBuilder;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.Suppression;
import org.htscreen.core.features.CustomerProfile;
import org.htscreen.core.features.FeatureContext;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.history.HistoryEntries;
import org.htscreen.core.history.HistoryList;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSession;
import org.htscreen.core.scoring.AccountRole;
import org.htscreen.core.scoring.AlertFactory;
import org.htscreen.core.scoring.Episode;
import org.htscreen.core.scoring.TypologyScore;
import org.htscreen.core.scoring.TypologyScorer;

/**
 * The per-account screening step that every host runs: take the account's state and one transaction side,
 * update the history, compute features, evaluate the rules, keep the signals, score the typologies and build
 * alerts. The state is passed in and changed in place, so a host may keep it anywhere (a map, Flink keyed
 * state). Not thread-safe (it holds a Drools session): one instance per thread.
 */
public final class AccountScreener implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountScreener.class);

    static final String HISTORY_DAYS = Catalogue.ENGINE + ".history_days";
    static final String MAX_HISTORY = Catalogue.ENGINE + ".max_history_entries";
    static final String MAX_HISTORY_KB = Catalogue.ENGINE + ".max_history_kb";
    static final String EVALUATION_TIME_LIMIT_MS = Catalogue.ENGINE + ".evaluation_time_limit_ms";
    static final String SIGNAL_WINDOW_DAYS = Catalogue.ENGINE + ".signal_window_days";
    static final String SUPPRESSION_DAYS = Catalogue.ENGINE + ".suppression_days";
    static final String RESCORE_MARGIN = Catalogue.ENGINE + ".rescore_margin";
    static final String MIN_FAMILIES = Catalogue.ENGINE + ".min_families";

    private final CompiledRules rules;
    private final Parameters params;
    private final ScreeningMetrics metrics;
    private final RuleSession session;
    /** A failing shadow rule may fail on every transaction: the log gets the first failure and one in this many. */
    private static final int SHADOW_FAILURE_LOG_EVERY = 1000;
    private long shadowFailures;
    /** The shadow rules' own session, or null when the rule set has no shadow rule. */
    private final RuleSession shadowSession;
    private final TypologyScorer scorer;
    private final AlertFactory alerts;
    private final AccountRole roles;
    private Exemptions exemptions = Exemptions.none();
    /** Engine parameters read on every transaction, resolved once (the parameters of a screener never change). */
    private final long historyMillis;
    private final int maxHistory;
    private final long maxHistoryBytes;
    private final long signalWindowMillis;

    public AccountScreener(CompiledRules rules, Parameters params, ScreeningMetrics metrics) {
        this.rules = rules;
        this.params = params;
        this.metrics = metrics;
        Duration limit = Duration.ofMillis(params.count(EVALUATION_TIME_LIMIT_MS));
        this.session = rules.newSession().timeLimit(limit);
        this.shadowSession = rules.newShadowSession().map(s -> s.timeLimit(limit)).orElse(null);
        this.scorer = new TypologyScorer(rules.ruleSet().catalogue());
        this.alerts = new AlertFactory(rules.ruleSet().catalogue());
        this.roles = new AccountRole(rules.ruleSet().catalogue());
        this.historyMillis = params.daysMillis(HISTORY_DAYS);
        this.maxHistory = params.count(MAX_HISTORY);
        this.maxHistoryBytes = 1024L * params.count(MAX_HISTORY_KB);
        this.signalWindowMillis = params.daysMillis(SIGNAL_WINDOW_DAYS);
    }

    /** A fresh, empty state for an account. */
    public static AccountState newState(String accountId) {
        return AccountState.newBuilder().setAccountId(accountId).setHistory(new HistoryList())
                .setSignals(new ArrayList<>()).setLinks(new ArrayList<>()).setLastAlerts(new ArrayList<>()).build();
    }

    public Parameters parameters() {
        return params;
    }

    public CompiledRules rules() {
        return rules;
    }

    /**
     * Puts a set of exemptions in force for the following transactions (ADR 0017).
     *
     * @throws org.htscreen.core.exemptions.InvalidExemptionsException when one names a rule these rules lack
     */
    public void useExemptions(Exemptions next) {
        next.checkAgainst(rules.ruleSet().catalogue());
        this.exemptions = next;
    }

    /** The exemptions in force. */
    public Exemptions exemptions() {
        return exemptions;
    }

    /**
     * Screens one side of a transaction against the account's state (changed in place).
     *
     * @param processingTime wall-clock time to stamp on alerts
     */
    public AccountOutcome screen(AccountState state, AccountSide side, long processingTime) {
        long started = System.nanoTime();
        HistoryEntry entry = HistoryEntries.of(side, rules.ruleSet().reference());
        if (!AccountHistory.add(state, entry)) {
            return AccountOutcome.nothing(side.accountId(), entry.getTxId());
        }
        long now = entry.getTime();
        state.setLastEventTime(Math.max(state.getLastEventTime(), now));
        AccountHistory.prune(state, state.getLastEventTime(), historyMillis, maxHistory, maxHistoryBytes);

        PartyProfile profile = state.getProfile();
        FeatureContext ctx = new FeatureContext(state.getHistory(), entry, params, rules.ruleSet().reference(),
                new CustomerProfile(profile, now), state.getLinks());
        List<Signal> raised = session.evaluate(side.accountId(), ctx);
        if (!session.entered()) {
            metrics.gatedOut();
        }
        for (Signal s : raised) {
            metrics.signal(s.getRuleId(), s.getFamily());
        }
        List<Signal> shadow = shadowSession == null ? List.of() : evaluateShadow(side.accountId(), ctx);
        long windowStart = now - signalWindowMillis;
        List<Signal> active = keepSignals(state, raised, windowStart);
        List<Exemption> ofAccount = exemptions.forAccount(side.accountId());
        List<Exemption> applying = applying(ofAccount, now);
        List<Exemption> expired = ofAccount.isEmpty() ? List.of() : exemptions.newlyExpired(ofAccount, now);
        for (Exemption e : expired) {
            forgetSuppressed(state, e);
        }
        Scored scored = raised.isEmpty() ? Scored.NONE
                : score(state, side, profile, active, raised, applying, entry.getTxId(), windowStart, now, processingTime);
        EvidenceBuilder.attach(scored.alerts(), state, side);
        for (Suppression sup : scored.suppressions()) {
            EvidenceBuilder.attach(List.of(sup.suppressed()), state, side);
            metrics.suppressed(sup.suppressed().getTypology().name());
        }
        metrics.screened();
        metrics.evaluationNanos(System.nanoTime() - started);
        return new AccountOutcome(side.accountId(), entry.getTxId(), raised, scored.alerts(), scored.suppressions(),
                expired, shadow);
    }

    /**
     * Evaluates the shadow rules after the live ones, in their own session: their signals are only recorded (never
     * kept in the state, scored or put in an alert), and a shadow rule that fails or overruns the time limit loses its
     * own signals only (counted as {@value ScreeningMetrics#SHADOW_FAILURES}); the live outcome stands.
     */
    private List<Signal> evaluateShadow(String accountId, FeatureContext ctx) {
        List<Signal> shadow;
        try {
            shadow = shadowSession.evaluate(accountId, ctx);
        } catch (RuntimeException | StackOverflowError e) {
            metrics.shadowFailure();
            if (shadowFailures++ % SHADOW_FAILURE_LOG_EVERY == 0) {
                LOG.warn("shadow rules failed on transaction {} of account {} (live screening unaffected; {} failures "
                        + "so far, one in {} logged): {}", ctx.current().getTxId(), accountId, shadowFailures,
                        SHADOW_FAILURE_LOG_EVERY, e.toString());
            }
            return List.of();
        }
        for (Signal s : shadow) {
            metrics.shadowSignal(s.getRuleId(), s.getFamily());
        }
        return shadow;
    }

    private static List<Exemption> applying(List<Exemption> ofAccount, long now) {
        List<Exemption> out = List.of();
        for (Exemption e : ofAccount) {
            if (e.appliesAt(now)) {
                out = out.isEmpty() ? new ArrayList<>(2) : out;
                out.add(e);
            }
        }
        return out;
    }

    /** Alerts raised and alerts suppressed by one transaction side. */
    private record Scored(List<Alert> alerts, List<Suppression> suppressions) {
        static final Scored NONE = new Scored(List.of(), List.of());
    }

    /** What passes on a set of signals: the leading typology and every passing one (lead included). */
    private record Decision(TypologyScore lead, List<TypologyScore> passing, List<Signal> active) {
    }

    /**
     * Replaces each rule's older signal by the new one and drops signals that left the window; the state's list is
     * left as it is when neither changes it (most transactions).
     */
    private static List<Signal> keepSignals(AccountState state, List<Signal> raised, long windowStart) {
        if (raised.isEmpty() && allInWindow(state.getSignals(), windowStart)) {
            return state.getSignals();
        }
        List<Signal> kept = new ArrayList<>(state.getSignals().size() + raised.size());
        for (Signal s : state.getSignals()) {
            if (s.getEventTime().toEpochMilli() > windowStart && !raisedBy(raised, s.getRuleId())) {
                kept.add(s);
            }
        }
        kept.addAll(raised);
        state.setSignals(kept);
        return kept;
    }

    private static boolean allInWindow(List<Signal> signals, long windowStart) {
        for (Signal s : signals) {
            if (s.getEventTime().toEpochMilli() <= windowStart) {
                return false;
            }
        }
        return true;
    }

    private static boolean raisedBy(List<Signal> raised, String ruleId) {
        for (Signal r : raised) {
            if (r.getRuleId().equals(ruleId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scores the typologies a new signal counts towards and raises at most one alert for the account and episode:
     * it names the leading typology ({@link Episode}) and lists the other passing ones, unless the leading typology
     * was alerted within the suppression window (and the score has not risen by the margin). Every passing typology
     * is remembered as alerted, so that the same signals do not raise a second alert under another typology. The
     * alert's role hint is settled for the account ({@link AccountRole}): a raised alert settles it, or keeps or
     * changes the one settled before, in the state.
     *
     * <p>Exemptions in force take out what they cover before scoring (ADR 0017): an account-wide one every
     * typology, a typology one that typology, a rule one that rule's signals (in every typology). What they do not
     * cover is scored as usual and may still alert. When the outcome differs from the one without exemptions, the
     * alert that would have been raised is returned as a {@link Suppression} naming the exemptions; it is
     * remembered like a raised alert (so an episode gives one suppression, not one per transaction), until the
     * exemption is found expired ({@link #forgetSuppressed}).
     */
    private Scored score(AccountState state, AccountSide side, PartyProfile profile, List<Signal> active,
            List<Signal> raised, List<Exemption> applying, String txId, long windowStart, long now, long processingTime) {
        Decision real = decide(state, active, raised, applying);
        Decision would = applying.isEmpty() ? real : decide(state, active, raised, List.of());
        boolean alerts = real != null && !suppressed(state, real.lead().typology(), real.lead().score(), now);
        boolean wouldAlert = would != null && !suppressed(state, would.lead().typology(), would.lead().score(), now);
        String partyId = side.partyId() != null ? side.partyId() : profile == null ? null : profile.getPartyId();
        SettledRole settled = state.getSettledRole();
        Alert raisedAlert = null;
        if (alerts) {
            for (TypologyScore s : real.passing()) {
                remember(state, s.typology(), s.score(), now);
            }
            AccountRole.Verdict role = roles.verdict(scorer.counting(real.active(), params), settled);
            raisedAlert = alert(real, role, side.accountId(), partyId, txId, windowStart, now, processingTime);
            state.setSettledRole(role.settlement(raisedAlert.getTypology(), now));
            metrics.alert(real.lead().typology().typology().name());
        }
        if (applying.isEmpty() || !wouldAlert) {
            return raisedAlert == null ? Scored.NONE : new Scored(List.of(raisedAlert), List.of());
        }
        // a suppressed alert shows the role as it stood; it settles nothing (the analyst was not told)
        Alert hidden = alert(would, roles.verdict(scorer.counting(would.active(), params), settled), side.accountId(),
                partyId, txId, windowStart, now, processingTime);
        if (raisedAlert != null && sameAlert(raisedAlert, hidden)) {
            return new Scored(List.of(raisedAlert), List.of());
        }
        for (TypologyScore s : would.passing()) {
            remember(state, s.typology(), s.score(), now);   // one suppression per episode, as one alert
        }
        Suppression sup = new Suppression(relevant(applying, would), hidden,
                raisedAlert == null ? null : raisedAlert.getAlertId(), exemptions.version());
        return new Scored(raisedAlert == null ? List.of() : List.of(raisedAlert), List.of(sup));
    }

    /**
     * The passing typologies on the signals that the exemptions leave, or null when none passes or no new signal
     * counts towards a passing one. The leading typology is chosen among all of them (ADR 0016).
     */
    private Decision decide(AccountState state, List<Signal> active, List<Signal> raised, List<Exemption> applying) {
        List<Signal> counted = active;
        List<Signal> fresh = raised;
        for (Exemption e : applying) {
            if (e.accountWide()) {
                return null;
            }
            if (e.ruleId() != null) {
                counted = without(counted, e.ruleId());
                fresh = without(fresh, e.ruleId());
            }
        }
        int minFamilies = params.count(MIN_FAMILIES);
        List<TypologyScore> passing = new ArrayList<>();
        boolean anyFresh = false;
        for (TypologyCode t : TypologyCode.values()) {
            if (exempted(applying, t)) {
                continue;
            }
            TypologyScore score = scorer.score(t, counted, params);
            if (score.passes(minFamilies)) {
                passing.add(score);
                anyFresh |= scorer.counts(t, fresh, params);
            }
        }
        // only a new signal that counts towards a passing typology can raise an alert
        return !anyFresh ? null
                : new Decision(Episode.leading(passing, rules.ruleSet().catalogue(), lastAlerted(state)), passing, counted);
    }

    private Alert alert(Decision d, AccountRole.Verdict role, String accountId, String partyId, String txId,
            long windowStart, long now, long processingTime) {
        List<org.htscreen.avro.Typology> others = new ArrayList<>();
        for (TypologyScore s : d.passing()) {
            if (s != d.lead()) {
                others.add(s.typology().typology());
            }
        }
        return alerts.build(accountId, partyId, d.lead(), others, role, txId, windowStart, now,
                rules.ruleSet().version(), params.version(), processingTime);
    }

    private static boolean exempted(List<Exemption> applying, TypologyCode t) {
        for (Exemption e : applying) {
            if (e.typology() == t) {
                return true;
            }
        }
        return false;
    }

    private static List<Signal> without(List<Signal> signals, String ruleId) {
        List<Signal> out = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            if (!s.getRuleId().equals(ruleId)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Same typologies and the same contributing rules: the exemptions changed nothing in the alert. */
    private static boolean sameAlert(Alert a, Alert b) {
        return a.getTypology() == b.getTypology() && a.getOtherTypologies().equals(b.getOtherTypologies())
                && ruleIds(a).equals(ruleIds(b));
    }

    private static List<String> ruleIds(Alert a) {
        return a.getSignals().stream().map(Signal::getRuleId).sorted().toList();
    }

    /** The exemptions that cover part of what would have alerted (all of them for an account-wide one). */
    private static List<String> relevant(List<Exemption> applying, Decision would) {
        List<String> ids = new ArrayList<>();
        for (Exemption e : applying) {
            boolean covers = e.accountWide();
            for (TypologyScore s : would.passing()) {
                covers |= s.typology() == e.typology();
                for (Signal sig : s.contributing()) {
                    covers |= sig.getRuleId().equals(e.ruleId());
                }
            }
            if (covers) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    /** When each typology was last alerted for the account (or passed with an alert), epoch milliseconds. */
    private static Map<TypologyCode, Long> lastAlerted(AccountState state) {
        Map<TypologyCode, Long> out = new EnumMap<>(TypologyCode.class);
        for (AlertMark m : state.getLastAlerts()) {
            out.put(TypologyCode.of(m.getTypology()), m.getTime());
        }
        return out;
    }

    private boolean suppressed(AccountState state, TypologyCode t, double score, long now) {
        long window = params.daysMillis(SUPPRESSION_DAYS);
        for (AlertMark m : state.getLastAlerts()) {
            if (m.getTypology() == t.typology() && now - m.getTime() < window) {
                return score < m.getScore() + params.num(RESCORE_MARGIN) - 1e-9;
            }
        }
        return false;
    }

    /**
     * When an exemption has expired, forgets the alert marks of what it covered, so that a pattern it suppressed
     * alerts again at its next signal instead of waiting out {@code engine.suppression_days}.
     */
    private void forgetSuppressed(AccountState state, Exemption e) {
        List<AlertMark> marks = new ArrayList<>(state.getLastAlerts());
        var rule = e.ruleId() == null ? null : rules.ruleSet().catalogue().rule(e.ruleId()).orElse(null);
        marks.removeIf(m -> e.accountWide() || (e.typology() != null && e.typology().typology() == m.getTypology())
                || (rule != null && rule.weight(TypologyCode.of(m.getTypology())) > 0));
        state.setLastAlerts(marks);
    }

    private static void remember(AccountState state, TypologyCode t, double score, long now) {
        List<AlertMark> marks = new ArrayList<>(state.getLastAlerts());
        for (Iterator<AlertMark> it = marks.iterator(); it.hasNext(); ) {
            if (it.next().getTypology() == t.typology()) {
                it.remove();
            }
        }
        marks.add(AlertMark.newBuilder().setTypology(t.typology()).setTime(now).setScore(score).build());
        state.setLastAlerts(marks);
    }

    /**
     * Stores the latest profile of the account's holder: a profile older ({@code updatedAt}) than the one stored is
     * ignored, so a version arriving late never overwrites a newer one.
     *
     * @return whether the profile was stored
     */
    public static boolean applyProfile(AccountState state, PartyProfile profile) {
        PartyProfile stored = state.getProfile();
        if (stored != null && stored.getUpdatedAt().isAfter(profile.getUpdatedAt())) {
            return false;
        }
        state.setProfile(profile);
        return true;
    }

    /** Stores (or replaces) a network finding about an identifier of the account's holder. */
    public static void applyLink(AccountState state, IdentifierLink link) {
        List<IdentifierLink> links = new ArrayList<>();
        for (IdentifierLink l : state.getLinks()) {
            if (!(l.getKind().equals(link.getKind()) && l.getIdentifier().equals(link.getIdentifier()))) {
                links.add(l);
            }
        }
        if (link.getPartyCount() > 1) {
            links.add(link);
        }
        state.setLinks(links);
    }

    @Override
    public void close() {
        session.close();
        if (shadowSession != null) {
            shadowSession.close();
        }
    }
}
