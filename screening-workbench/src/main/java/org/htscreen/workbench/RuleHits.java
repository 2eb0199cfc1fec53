package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RuleDefinition;

/**
 * Which accounts each rule fired on in a backtest, alert or not, live and shadow rules alike: a shadow rule
 * ({@code mode: shadow}) never reaches an alert, so its hits are how an analyst judges it beside the live rules
 * before it goes live. With labels the precision a rule would have is its hit accounts that are positive over its hit
 * accounts; with dispositions, over its hit accounts that were decided (undecided accounts are left out).
 */
final class RuleHits {

    /** One rule's signals and the accounts they were raised on. */
    static final class Hit {
        long signals;
        final Set<String> accounts = new HashSet<>();
    }

    private final Map<String, Hit> byRule = new TreeMap<>();

    /** Counts one signal of a rule on an account. */
    void add(String ruleId, String accountId) {
        Hit h = byRule.computeIfAbsent(ruleId, k -> new Hit());
        h.signals++;
        h.accounts.add(accountId);
    }

    /** Adds another partition's hits. */
    void addAll(RuleHits other) {
        other.byRule.forEach((rule, h) -> {
            Hit mine = byRule.computeIfAbsent(rule, k -> new Hit());
            mine.signals += h.signals;
            mine.accounts.addAll(h.accounts);
        });
    }

    Map<String, Hit> byRule() {
        return byRule;
    }

    /** Accounts a rule fired on (empty when it never fired). */
    Set<String> accounts(String ruleId) {
        Hit h = byRule.get(ruleId);
        return h == null ? Set.of() : h.accounts;
    }

    /** Whether any shadow rule of the catalogue is in the rule set. */
    static boolean anyShadow(Catalogue catalogue) {
        return !catalogue.shadowRules().isEmpty();
    }

    /**
     * A rule's hit accounts judged by labels: positive, judged (every hit account with labels; with dispositions
     * only the decided ones) and the precision (null when none is judged).
     */
    record Judged(long positive, long judged, Double precision) {
    }

    static Judged judge(Set<String> accounts, Labels labels, boolean decidedOnly) {
        long positive = 0;
        long judged = 0;
        for (String a : accounts) {
            if (decidedOnly && !labels.all().containsKey(a)) {
                continue;
            }
            judged++;
            positive += labels.positive(a) ? 1 : 0;
        }
        return new Judged(positive, judged, labels.isEmpty() || judged == 0 ? null : positive / (double) judged);
    }

    /**
     * The table of every rule that fired (shadow rules marked), or of the shadow rules only when {@code shadowOnly}.
     *
     * @param decidedOnly labels come from dispositions: precision over decided accounts only
     */
    String text(Catalogue catalogue, Labels labels, boolean decidedOnly) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nRule hits (accounts each rule fired on, alert or not; shadow rules never alert):\n");
        sb.append(String.format(Locale.ROOT, "  %-12s %-6s %9s %9s %9s %9s %9s%n", "rule", "mode", "signals", "accounts",
                decidedOnly ? "decided" : "labelled", "positive", "precision"));
        for (RuleDefinition r : catalogue.rules().values()) {
            Hit h = byRule.get(r.id());
            if (h == null && r.live()) {
                continue;
            }
            Set<String> accounts = h == null ? Set.of() : h.accounts;
            Judged j = judge(accounts, labels, decidedOnly);
            sb.append(String.format(Locale.ROOT, "  %-12s %-6s %,9d %,9d %9s %9s %9s%n", r.id(), r.mode().word(),
                    h == null ? 0 : h.signals, accounts.size(), labels.isEmpty() ? "-" : Long.toString(j.judged()),
                    labels.isEmpty() ? "-" : Long.toString(j.positive()), Evaluation.rate(j.precision())));
        }
        return sb.toString();
    }

    /** Per rule that fired, and every shadow rule: mode, signals, accounts, and with labels positive and precision. */
    ObjectNode json(Catalogue catalogue, Labels labels, boolean decidedOnly) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (RuleDefinition r : catalogue.rules().values()) {
            Hit h = byRule.get(r.id());
            if (h == null && r.live()) {
                continue;
            }
            Set<String> accounts = h == null ? Set.of() : h.accounts;
            ObjectNode n = o.putObject(r.id());
            n.put("mode", r.mode().word());
            n.put("signals", h == null ? 0 : h.signals);
            n.put("accounts", accounts.size());
            if (!labels.isEmpty()) {
                Judged j = judge(accounts, labels, decidedOnly);
                n.put(decidedOnly ? "decided" : "labelled", j.judged());
                n.put("positive", j.positive());
                Evaluation.putRate(n, "precision", j.precision());
            }
        }
        return o;
    }
}
