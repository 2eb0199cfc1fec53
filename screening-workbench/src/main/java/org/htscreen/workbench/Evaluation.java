package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.Typology;
import org.htscreen.core.catalogue.Catalogue;

/**
 * Alerts against labels. An account is <em>alerted</em> when it has at least one alert. Overall: precision = alerted
 * accounts labelled positive / alerted accounts; recall = positive accounts alerted / positive accounts; alert rate
 * = alerted accounts / accounts. Per typology the same, counting only that typology's alerts and the accounts
 * labelled positive for it (a positive without a typology counts for every typology). Per rule the same, counting
 * alerts the rule contributed a signal to, against positives of any typology. Accounts = every account in the
 * input (screened or profiled) and in the labels. Precision is null without alerts, recall null without positives,
 * both null without labels. When the labels name cases or segments, {@link CaseEvaluation} adds case recall,
 * controller recall and the benign alert rate per segment.
 */
public final class Evaluation {

    /** Counts and rates of one slice (overall, a typology or a rule). */
    public record Stats(long alerts, long alertedAccounts, long accounts, long truePositives, long positives,
            boolean labelled) {

        public double alertRate() {
            return accounts == 0 ? 0 : alertedAccounts / (double) accounts;
        }

        /** Null when there is nothing to measure. */
        public Double precision() {
            return !labelled || alertedAccounts == 0 ? null : truePositives / (double) alertedAccounts;
        }

        /** Positives alerted / positives; null when there is nothing to measure. */
        public Double recall() {
            return !labelled || positives == 0 ? null : truePositives / (double) positives;
        }

        ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("alerts", alerts);
            o.put("alerted_accounts", alertedAccounts);
            o.put("alert_rate", round(alertRate()));
            putRate(o, "precision", precision());
            putRate(o, "recall", recall());
            return o;
        }
    }

    private final long accounts;
    private final boolean labelled;
    private final long alerts;
    private final Slice overall;
    private final Map<Typology, Slice> perTypology = new LinkedHashMap<>();
    private final Map<String, Slice> perRule = new LinkedHashMap<>();
    private CaseEvaluation cases;

    /** One slice's alerted accounts and counts. */
    private static final class Slice {
        long alerts;
        final Set<String> alerted = new HashSet<>();
        long truePositives;
        long positives;
    }

    private Evaluation(long accounts, boolean labelled, long alerts, Slice overall) {
        this.accounts = accounts;
        this.labelled = labelled;
        this.alerts = alerts;
        this.overall = overall;
    }

    /** Evaluates alerts over the given accounts (labels may be {@link Labels#none()}). */
    public static Evaluation of(Collection<AlertRow> alerts, Set<String> inputAccounts, Labels labels,
            Catalogue catalogue) {
        Set<String> universe = new HashSet<>(inputAccounts);
        universe.addAll(labels.all().keySet());
        Slice all = new Slice();
        Evaluation e = new Evaluation(universe.size(), !labels.isEmpty(), alerts.size(), all);
        for (Typology t : Typology.values()) {
            e.perTypology.put(t, new Slice());
        }
        for (String id : catalogue.rules().keySet()) {
            e.perRule.put(id, new Slice());
        }
        for (AlertRow a : alerts) {
            all.alerts++;
            all.alerted.add(a.accountId());
            Slice ts = e.perTypology.get(a.typology());
            ts.alerts++;
            ts.alerted.add(a.accountId());
            for (String r : a.ruleIds()) {
                Slice rs = e.perRule.computeIfAbsent(r, k -> new Slice());
                rs.alerts++;
                rs.alerted.add(a.accountId());
            }
        }
        // overall and per rule: positives of any typology
        long positives = labels.positives();
        for (Slice s : concat(all, e.perRule.values())) {
            s.positives = positives;
            for (String acc : s.alerted) {
                if (labels.positive(acc)) {
                    s.truePositives++;
                }
            }
        }
        for (Map.Entry<Typology, Slice> en : e.perTypology.entrySet()) {
            Slice s = en.getValue();
            s.positives = labels.positives(en.getKey());
            for (String acc : s.alerted) {
                if (labels.positiveFor(acc, en.getKey())) {
                    s.truePositives++;
                }
            }
        }
        if (CaseEvaluation.applies(labels)) {
            e.cases = CaseEvaluation.of(alerts, inputAccounts, labels);
        }
        return e;
    }

    /** Case recall, controller recall and benign rates per segment; null unless the labels name cases or segments. */
    CaseEvaluation cases() {
        return cases;
    }

    private static Iterable<Slice> concat(Slice first, Collection<Slice> rest) {
        java.util.List<Slice> l = new java.util.ArrayList<>(rest.size() + 1);
        l.add(first);
        l.addAll(rest);
        return l;
    }

    private Stats stats(Slice s) {
        return new Stats(s.alerts, s.alerted.size(), accounts, s.truePositives, s.positives, labelled);
    }

    public long accounts() {
        return accounts;
    }

    public long alerts() {
        return alerts;
    }

    public boolean labelled() {
        return labelled;
    }

    public Stats overall() {
        return stats(overall);
    }

    public Map<Typology, Stats> perTypology() {
        Map<Typology, Stats> m = new LinkedHashMap<>();
        perTypology.forEach((k, v) -> m.put(k, stats(v)));
        return m;
    }

    public Map<String, Stats> perRule() {
        Map<String, Stats> m = new LinkedHashMap<>();
        perRule.forEach((k, v) -> m.put(k, stats(v)));
        return m;
    }

    /**
     * The summary as JSON: top level exactly {@code accounts}, {@code alerted_accounts}, {@code alert_rate},
     * {@code precision}, {@code recall}, then {@code per_typology} and {@code per_rule} (each entry: {@code alerts},
     * {@code alerted_accounts}, {@code alert_rate}, {@code precision}, {@code recall}).
     */
    public ObjectNode json() {
        Stats o = overall();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("accounts", accounts);
        root.put("alerted_accounts", o.alertedAccounts());
        root.put("alert_rate", round(o.alertRate()));
        putRate(root, "precision", o.precision());
        putRate(root, "recall", o.recall());
        ObjectNode types = root.putObject("per_typology");
        perTypology().forEach((t, s) -> types.set(t.name(), s.json()));
        ObjectNode rules = root.putObject("per_rule");
        perRule().forEach((r, s) -> rules.set(r, s.json()));
        if (cases != null) {
            cases.json(root);
        }
        return root;
    }

    /** The summary in words and tables. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        Stats o = overall();
        sb.append(String.format(Locale.ROOT, "Alerts: %,d on %,d of %,d accounts (alert rate %s)%n", alerts,
                o.alertedAccounts(), accounts, pct(o.alertRate())));
        if (labelled) {
            sb.append(String.format(Locale.ROOT, "Labels: %,d positive accounts; precision %s (%,d of %,d alerted "
                    + "accounts are positive), recall %s (%,d of %,d positives alerted)%n", o.positives(),
                    rate(o.precision()), o.truePositives(), o.alertedAccounts(), rate(o.recall()), o.truePositives(),
                    o.positives()));
        } else {
            sb.append("Labels: none given (--labels FILE adds precision and recall)\n");
        }
        if (cases != null) {
            sb.append(cases.text());
        }
        sb.append("\nPer typology:\n");
        table(sb, "typology", perTypology().entrySet().stream()
                .collect(LinkedHashMap<String, Stats>::new, (m, e) -> m.put(e.getKey().name(), e.getValue()), Map::putAll),
                true);
        Map<String, Stats> rules = new LinkedHashMap<>();
        int silent = 0;
        for (Map.Entry<String, Stats> e : perRule().entrySet()) {
            if (e.getValue().alerts() > 0) {
                rules.put(e.getKey(), e.getValue());
            } else {
                silent++;
            }
        }
        sb.append("\nPer rule (alerts the rule contributed a signal to):\n");
        table(sb, "rule", rules, false);
        if (silent > 0) {
            sb.append(String.format(Locale.ROOT, "  (%d rules contributed to no alert)%n", silent));
        }
        return sb.toString();
    }

    private void table(StringBuilder sb, String head, Map<String, Stats> rows, boolean all) {
        sb.append(String.format(Locale.ROOT, "  %-22s %9s %9s %10s %9s %9s%n", head, "alerts", "accounts", "alert rate",
                "precision", "recall"));
        rows.forEach((k, s) -> {
            if (all || s.alerts() > 0) {
                sb.append(String.format(Locale.ROOT, "  %-22s %,9d %,9d %10s %9s %9s%n", k, s.alerts(),
                        s.alertedAccounts(), pct(s.alertRate()), rate(s.precision()), rate(s.recall())));
            }
        });
    }

    static String pct(double r) {
        return String.format(Locale.ROOT, "%.3f%%", r * 100);
    }

    static String rate(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.3f", r);
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static void putRate(ObjectNode o, String k, Double v) {
        if (v == null) {
            o.putNull(k);
        } else {
            o.put(k, round(v));
        }
    }
}
