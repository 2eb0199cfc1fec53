package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.htscreen.avro.Alert;

/**
 * What the analysts' dispositions say about a backtest's alerts: the labels they give, how many decisions matched
 * an alert of the run, and each rule's precision on the decided alerts it contributed to.
 */
record DispositionReport(Dispositions dispositions, Labels labels, List<Dispositions.Disposition> unmatched,
        Map<String, Dispositions.RuleDecisions> perRule) {

    static DispositionReport of(Dispositions d, List<Alert> alerts) {
        List<Dispositions.Disposition> unmatched = new ArrayList<>();
        Labels labels = d.labels(alerts, unmatched);
        return new DispositionReport(d, labels, unmatched, d.perRule(alerts));
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        Map<Dispositions.Decision, Integer> c = dispositions.counts();
        sb.append(String.format(Locale.ROOT, "Dispositions: %d decisions (%d true positive, %d reported, %d false "
                + "positive, %d escalated)%s%n", dispositions.all().size(), c.get(Dispositions.Decision.TRUE_POSITIVE),
                c.get(Dispositions.Decision.REPORTED), c.get(Dispositions.Decision.FALSE_POSITIVE),
                c.get(Dispositions.Decision.ESCALATED), unmatched.isEmpty() ? ""
                        : "; " + unmatched.size() + " name an alert id not raised in this run and no account"));
        sb.append(String.format(Locale.ROOT, "  %-12s %8s %6s %6s %10s %9s%n", "rule", "decided", "right", "wrong",
                "escalated", "precision"));
        perRule.forEach((rule, r) -> sb.append(String.format(Locale.ROOT, "  %-12s %8d %6d %6d %10d %9s%n", rule,
                r.decided(), r.right(), r.wrong(), r.escalated(),
                r.precision() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.precision()))));
        return sb.toString();
    }

    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("decisions", dispositions.all().size());
        o.put("unmatched", unmatched.size());
        ObjectNode rules = o.putObject("per_rule");
        perRule.forEach((rule, r) -> {
            ObjectNode n = rules.putObject(rule);
            n.put("decided", r.decided());
            n.put("right", r.right());
            n.put("wrong", r.wrong());
            n.put("escalated", r.escalated());
            if (r.precision() == null) {
                n.putNull("precision");
            } else {
                n.put("precision", r.precision());
            }
        });
        return o;
    }
}
