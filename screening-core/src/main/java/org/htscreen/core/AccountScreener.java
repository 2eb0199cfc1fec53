package org.htscreen.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.evidence.EvidenceBuilder;
import org.htscreen.core.features.CustomerProfile;
import org.htscreen.core.features.FeatureContext;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.history.HistoryEntries;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSession;
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
    private final TypologyScorer scorer;
    private final AlertFactory alerts;

    public AccountScreener(CompiledRules rules, Parameters params, ScreeningMetrics metrics) {
        this.rules = rules;
        this.params = params;
        this.metrics = metrics;
        this.session = rules.newSession().timeLimit(Duration.ofMillis(params.count(EVALUATION_TIME_LIMIT_MS)));
        this.scorer = new TypologyScorer(rules.ruleSet().catalogue());
        this.alerts = new AlertFactory(rules.ruleSet().catalogue());
    }

    /** A fresh, empty state for an account. */
    public static AccountState newState(String accountId) {
        return AccountState.newBuilder().setAccountId(accountId).setHistory(new ArrayList<>())
                .setSignals(new ArrayList<>()).setLinks(new ArrayList<>()).setLastAlerts(new ArrayList<>()).build();
    }

    public Parameters parameters() {
        return params;
    }

    public CompiledRules rules() {
        return rules;
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
        AccountHistory.prune(state, state.getLastEventTime(), params.daysMillis(HISTORY_DAYS), params.count(MAX_HISTORY),
                1024L * params.count(MAX_HISTORY_KB));

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
        long windowStart = now - params.daysMillis(SIGNAL_WINDOW_DAYS);
        List<Signal> active = keepSignals(state, raised, windowStart);
        List<Alert> out = raised.isEmpty() ? List.of()
                : score(state, side, profile, active, raised, entry.getTxId(), windowStart, now, processingTime);
        EvidenceBuilder.attach(out, state, side);
        metrics.screened();
        metrics.evaluationNanos(System.nanoTime() - started);
        return new AccountOutcome(side.accountId(), entry.getTxId(), raised, out);
    }

    /** Replaces each rule's older signal by the new one and drops signals that left the window. */
    private static List<Signal> keepSignals(AccountState state, List<Signal> raised, long windowStart) {
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
     * is remembered as alerted, so that the same signals do not raise a second alert under another typology.
     */
    private List<Alert> score(AccountState state, AccountSide side, PartyProfile profile, List<Signal> active,
            List<Signal> raised, String txId, long windowStart, long now, long processingTime) {
        int minFamilies = params.count(MIN_FAMILIES);
        List<TypologyScore> passing = new ArrayList<>();
        for (TypologyCode t : TypologyCode.values()) {
            if (!scorer.counts(t, raised, params)) {
                continue;   // only a typology that a new signal counts towards can alert now
            }
            TypologyScore score = scorer.score(t, active, params);
            if (score.passes(minFamilies)) {
                passing.add(score);
            }
        }
        if (passing.isEmpty()) {
            return List.of();
        }
        TypologyScore lead = Episode.leading(passing, rules.ruleSet().catalogue());
        if (suppressed(state, lead.typology(), lead.score(), now)) {
            return List.of();
        }
        List<org.htscreen.avro.Typology> others = new ArrayList<>();
        for (TypologyScore s : passing) {
            if (s != lead) {
                others.add(s.typology().typology());
            }
            remember(state, s.typology(), s.score(), now);
        }
        String partyId = side.partyId() != null ? side.partyId() : profile == null ? null : profile.getPartyId();
        Alert a = alerts.build(side.accountId(), partyId, lead, others, scorer.counting(active, params), txId,
                windowStart, now, rules.ruleSet().version(), params.version(), processingTime);
        metrics.alert(lead.typology().typology().name());
        return List.of(a);
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
    }
}
