package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Where each constraint of a DRL file stands, to name the line of a Drools build error that does not: the MVEL build
 * reports an expression it cannot analyse (a type error such as {@code nightCashTotal >= $p.num("x") + true}, or a
 * call with an argument of the wrong type) with line -1 or with the line of its pattern, but it quotes the
 * expression. The quoted text is found again among the constraints Drools' own parser reads from the file, which
 * carry their lines (ADR 0023).
 */
final class ConstraintLines {

    /** One constraint: its text with white space collapsed, its line and its rule. */
    private record Constraint(String text, int line, String rule) {
    }

    private final List<Constraint> constraints;

    private ConstraintLines(List<Constraint> constraints) {
        this.constraints = constraints;
    }

    /** The constraints of a DRL file; none when it does not parse (the parser's own errors carry lines). */
    static ConstraintLines of(String drl) {
        List<Constraint> out = new ArrayList<>();
        try {
            DrlParser parser = new DrlParser();
            PackageDescr pkg = parser.parse(false, drl);
            if (pkg != null) {
                for (RuleDescr r : pkg.getRules()) {
                    collect(r.getLhs(), r, out);
                }
            }
        } catch (DroolsParserException | RuntimeException e) {
            // no constraints to locate: the caller keeps Drools' own line
        }
        return new ConstraintLines(out);
    }

    private static void collect(BaseDescr d, RuleDescr rule, List<Constraint> out) {
        if (d instanceof PatternDescr p) {
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    int line = e.getLine() > 0 ? e.getLine() : p.getLine();
                    out.add(new Constraint(collapse(e.getExpression()), line, rule.getName()));
                }
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) {
                collect(child, rule, out);
            }
        }
    }

    /** Where a constraint quoted in a Drools message stands: the longest constraint whose text the message quotes. */
    Optional<Located> locate(String message) {
        String quoted = collapse(message);
        Constraint best = null;
        for (Constraint c : constraints) {
            if (!c.text().isEmpty() && quoted.contains(c.text())
                    && (best == null || c.text().length() > best.text().length())) {
                best = c;
            }
        }
        return Optional.ofNullable(best).map(c -> new Located(c.line(), c.rule()));
    }

    /** A constraint's line and the name of its rule. */
    record Located(int line, String rule) {
    }

    private static String collapse(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
