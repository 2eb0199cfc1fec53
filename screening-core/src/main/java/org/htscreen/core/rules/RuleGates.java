package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.GateExpressions.BoundGate;
import org.htscreen.core.rules.GateExpressions.Gate;

/**
 * Which transactions can make a rule fire, derived from the DRL (ADR 0022). A rule's <em>gate</em> is the part of
 * its patterns' constraints that can be decided on one fact alone ({@link GateExpressions}: the {@code current...}
 * flags that say what kind of transaction this is, other boolean and numeric properties, parameters, comparisons),
 * taken in DRL order for every positive top-level pattern; what it cannot decide (another pattern's binding, a call,
 * a pattern under {@code not} or {@code or}) stays open, so a gate is never narrower than its rule. A transaction
 * side that opens no enabled rule's gate cannot raise a signal and is not put into Drools at all; its history,
 * state and features are handled as before.
 */
public final class RuleGates {

    /**
     * System property that switches gating off for a JVM ({@code -Dhtscreen.rule_gates=off}): every transaction
     * enters Drools, as before ADR 0022. For benchmarks and comparisons; the answers are the same.
     */
    public static final String SWITCH_PROPERTY = "htscreen.rule_gates";

    /** No gates: every transaction enters Drools. */
    static final RuleGates NONE = new RuleGates(List.of(), false);

    private final List<RuleGate> rules;
    private final boolean active;

    private RuleGates(List<RuleGate> rules, boolean active) {
        this.rules = rules;
        this.active = active;
    }

    /** Whether gating is switched on for this JVM (see {@link #SWITCH_PROPERTY}). */
    static boolean switchedOn() {
        return !"off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, "on").strip());
    }

    /** Derives every rule's gate from the DRL files (file name to text). A file that does not parse gates nothing. */
    static RuleGates derive(Map<String, String> drlFiles) {
        List<RuleGate> out = new ArrayList<>();
        for (String text : drlFiles.values()) {
            PackageDescr pkg;
            DrlParser parser = new DrlParser();
            try {
                pkg = parser.parse(false, text);
            } catch (DroolsParserException | RuntimeException e) {
                return new RuleGates(List.of(), false);   // Drools reports the error; nothing is gated
            }
            if (pkg == null || parser.hasErrors()) {
                return new RuleGates(List.of(), false);
            }
            Map<String, Class<?>> types = importedTypes(pkg);
            for (RuleDescr r : pkg.getRules()) {
                out.add(new RuleGate(r.getName(), lhs(r.getLhs(), types)));
            }
        }
        return new RuleGates(List.copyOf(out), true);
    }

    /** Whether gating is in force: false for {@link #NONE} and for DRL that could not be read. */
    public boolean active() {
        return active;
    }

    /** Each rule's gate in words, e.g. {@code HT-CASH-01 -> CashFeatures.currentCashIn}; "always" when ungated. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (RuleGate g : rules) {
            out.put(g.rule, g.gate == Gate.ALWAYS ? "always" : g.gate.toString());
        }
        return out;
    }

    /**
     * The gates of the rules named {@code inSession} (a session's knowledge base: live or shadow rules) bound to the
     * fact classes of the session, in the order it puts its facts.
     */
    Bound bind(List<Class<?>> factTypes, java.util.Set<String> inSession) {
        List<Bound.Rule> bound = new ArrayList<>(rules.size());
        java.util.Set<String> gated = new java.util.HashSet<>();
        for (RuleGate g : rules) {
            if (inSession.contains(g.rule)) {
                bound.add(new Bound.Rule(g.rule, g.gate.bind(factTypes)));
                gated.add(g.rule);
            }
        }
        return new Bound(active && gated.containsAll(inSession), bound);   // a rule without a gate: no gating
    }

    /** Gates bound to fact positions: answers for one evaluation's facts. */
    static final class Bound {
        private record Rule(String name, BoundGate gate) {
        }

        private final boolean active;
        private final List<Rule> rules;
        /** Per rule position: {@link #OFF}, {@link #ON} or {@link #ASK} in {@link #enabledIn}; set once per parameter set. */
        private final byte[] enabled;
        private Parameters enabledIn;

        private Bound(boolean active, List<Rule> rules) {
            this.active = active;
            this.rules = rules;
            this.enabled = new byte[rules.size()];
        }

        /** Whether some rule enabled in {@code params} may fire on these facts (always true when inactive). */
        boolean anyOpen(Object[] facts, Parameters params) {
            if (!active) {
                return true;
            }
            if (params != enabledIn) {
                for (int i = 0; i < enabled.length; i++) {
                    try {
                        enabled[i] = params.enabled(rules.get(i).name) ? ON : OFF;
                    } catch (RuntimeException e) {
                        enabled[i] = ASK;   // asked (and failing) as before, when its gate is open
                    }
                }
                enabledIn = params;
            }
            for (int i = 0; i < enabled.length; i++) {
                if (enabled[i] == OFF) {
                    continue;   // a switched-off rule's gate is not evaluated (its features stay uncomputed)
                }
                int v;
                try {
                    v = rules.get(i).gate.test(facts, params);
                } catch (RuntimeException e) {
                    v = GateExpressions.UNKNOWN;   // Drools meets the same failure and reports it
                }
                if (v != GateExpressions.FALSE && (enabled[i] == ON || params.enabled(rules.get(i).name))) {
                    return true;
                }
            }
            return false;
        }

        private static final byte OFF = 0;
        private static final byte ON = 1;
        private static final byte ASK = 2;
    }

    // ---- derivation ----

    private record RuleGate(String rule, Gate gate) {
    }

    private static Map<String, Class<?>> importedTypes(PackageDescr pkg) {
        Map<String, Class<?>> types = new HashMap<>();
        for (ImportDescr i : pkg.getImports()) {
            Class<?> c = load(i.getTarget());
            if (c != null) {
                types.put(c.getSimpleName(), c);
            }
        }
        return types;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RuleGates.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The conjunction of every positive top-level pattern's constraints, in DRL order; under not, or: nothing. */
    private static Gate lhs(AndDescr lhs, Map<String, Class<?>> types) {
        List<Gate> parts = new ArrayList<>();
        for (BaseDescr d : lhs.getDescrs()) {
            if (d instanceof PatternDescr p && p.getSource() == null && !p.isQuery()) {
                Class<?> type = types.get(p.getObjectType());
                if (type == null && p.getObjectType().contains(".")) {
                    type = load(p.getObjectType());
                }
                if (type == null) {
                    continue;
                }
                for (BaseDescr c : p.getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        parts.add(GateExpressions.constraint(e.getExpression(), type));
                    }
                }
            }
        }
        return Gate.all(parts);
    }
}
