package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * What an FIU asks of a backtest when the labels name cases and segments ({@code case_id}, {@code segment}):
 * <ul>
 * <li><b>case recall</b>: planted cases with an alert of the case's typology on any member / cases (and with any
 *     alert at all), overall and per typology;</li>
 * <li><b>controller recall</b>: accounts labelled suspected controller (controller, facilitator, collector,
 *     beneficiary) with an alert of their typology / such accounts;</li>
 * <li><b>benign alert rate</b>: alerted accounts that are not labelled positive / such accounts, overall and per
 *     segment (the segment column of the negatives).</li>
 * </ul>
 * An alert counts for its (leading) typology only.
 */
final class CaseEvaluation {

    /** Counts of one group of cases. */
    static final class Cases {
        long cases;
        long rightTypology;
        long anyAlert;

        Double recall() {
            return cases == 0 ? null : rightTypology / (double) cases;
        }

        Double anyRecall() {
            return cases == 0 ? null : anyAlert / (double) cases;
        }

        ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("cases", cases);
            o.put("found_right_typology", rightTypology);
            o.put("found_any_alert", anyAlert);
            Evaluation.putRate(o, "case_recall", recall());
            Evaluation.putRate(o, "case_recall_any_alert", anyRecall());
            return o;
        }
    }

    /** Alerted accounts of a group of benign accounts. */
    static final class Benign {
        long accounts;
        long alerted;

        double rate() {
            return accounts == 0 ? 0 : alerted / (double) accounts;
        }

        ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("accounts", accounts);
            o.put("alerted_accounts", alerted);
            o.put("alert_rate", Evaluation.round(rate()));
            return o;
        }
    }

    private final Cases overall = new Cases();
    private final Map<Typology, Cases> perTypology = new EnumMap<>(Typology.class);
    private long controllers;
    private long controllersAlerted;
    private final Benign benign = new Benign();
    private final Map<String, Benign> perSegment = new TreeMap<>();

    /** Whether the labels carry cases or segments; only then is a case evaluation made. */
    static boolean applies(Labels labels) {
        return labels.all().values().stream().anyMatch(l -> l.caseId() != null || l.segment() != null);
    }

    static CaseEvaluation of(Collection<AlertRow> alerts, Set<String> universe, Labels labels) {
        CaseEvaluation e = new CaseEvaluation();
        Map<String, Set<Typology>> alertedAs = new HashMap<>();
        for (AlertRow a : alerts) {
            alertedAs.computeIfAbsent(a.accountId(), k -> new HashSet<>()).add(a.typology());
        }
        Map<String, Typology> caseTypology = new TreeMap<>();
        Map<String, boolean[]> found = new HashMap<>();
        for (Map.Entry<String, Labels.Label> en : labels.all().entrySet()) {
            Labels.Label l = en.getValue();
            Set<Typology> as = alertedAs.getOrDefault(en.getKey(), Set.of());
            if (!l.positive()) {
                continue;
            }
            if (l.role() == RoleHint.SUSPECTED_CONTROLLER) {
                e.controllers++;
                if (l.typologies().isEmpty() ? !as.isEmpty() : as.stream().anyMatch(l.typologies()::contains)) {
                    e.controllersAlerted++;
                }
            }
            if (l.caseId() != null) {
                Typology t = l.typologies().isEmpty() ? null : l.typologies().iterator().next();
                caseTypology.putIfAbsent(l.caseId(), t);
                boolean[] f = found.computeIfAbsent(l.caseId(), k -> new boolean[2]);
                f[0] |= t == null ? !as.isEmpty() : as.contains(t);
                f[1] |= !as.isEmpty();
            }
        }
        for (Map.Entry<String, Typology> c : caseTypology.entrySet()) {
            boolean[] f = found.get(c.getKey());
            for (Cases cs : c.getValue() == null ? java.util.List.of(e.overall)
                    : java.util.List.of(e.overall, e.perTypology.computeIfAbsent(c.getValue(), k -> new Cases()))) {
                cs.cases++;
                cs.rightTypology += f[0] ? 1 : 0;
                cs.anyAlert += f[1] ? 1 : 0;
            }
        }
        Set<String> all = new HashSet<>(universe);
        all.addAll(labels.all().keySet());
        for (String acc : all) {
            if (labels.positive(acc)) {
                continue;
            }
            boolean alerted = alertedAs.containsKey(acc);
            e.benign.accounts++;
            e.benign.alerted += alerted ? 1 : 0;
            Labels.Label l = labels.all().get(acc);
            String seg = l == null || l.segment() == null ? "(no segment)" : l.segment();
            Benign b = e.perSegment.computeIfAbsent(seg, k -> new Benign());
            b.accounts++;
            b.alerted += alerted ? 1 : 0;
        }
        return e;
    }

    Double controllerRecall() {
        return controllers == 0 ? null : controllersAlerted / (double) controllers;
    }

    Cases overall() {
        return overall;
    }

    Map<Typology, Cases> perTypology() {
        return perTypology;
    }

    Benign benign() {
        return benign;
    }

    Map<String, Benign> perSegment() {
        return perSegment;
    }

    /** Adds {@code cases}, {@code controllers} and {@code benign} to a summary. */
    void json(ObjectNode root) {
        ObjectNode cases = overall.json();
        ObjectNode types = cases.putObject("per_typology");
        perTypology.forEach((t, c) -> types.set(t.name(), c.json()));
        root.set("cases", cases);
        ObjectNode ctl = root.putObject("controllers");
        ctl.put("controllers", controllers);
        ctl.put("alerted_right_typology", controllersAlerted);
        Evaluation.putRate(ctl, "recall", controllerRecall());
        ObjectNode b = benign.json();
        ObjectNode segs = b.putObject("per_segment");
        perSegment.forEach((k, v) -> segs.set(k, v.json()));
        root.set("benign", b);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nCases: %,d planted; found with the right typology %,d (case recall %s), "
                + "with any alert %,d (%s)%n", overall.cases, overall.rightTypology, Evaluation.rate(overall.recall()),
                overall.anyAlert, Evaluation.rate(overall.anyRecall())));
        sb.append(String.format(Locale.ROOT, "  %-22s %7s %9s %11s %9s%n", "typology", "cases", "right typ", "case recall",
                "any alert"));
        perTypology.forEach((t, c) -> sb.append(String.format(Locale.ROOT, "  %-22s %,7d %,9d %11s %9s%n", t.name(),
                c.cases, c.rightTypology, Evaluation.rate(c.recall()), Evaluation.rate(c.anyRecall()))));
        sb.append(String.format(Locale.ROOT, "Controllers (controllers, facilitators, collectors): %,d of %,d alerted with "
                + "their typology (controller recall %s)%n", controllersAlerted, controllers,
                Evaluation.rate(controllerRecall())));
        sb.append(String.format(Locale.ROOT, "Benign accounts: %,d of %,d alerted (benign alert rate %s)%n", benign.alerted,
                benign.accounts, Evaluation.pct(benign.rate())));
        sb.append(String.format(Locale.ROOT, "  %-26s %9s %9s %10s%n", "segment", "accounts", "alerted", "alert rate"));
        perSegment.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-26s %,9d %,9d %10s%n", k, v.accounts,
                v.alerted, Evaluation.pct(v.rate()))));
        return sb.toString();
    }
}
