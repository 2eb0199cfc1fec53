package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
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
                out.add(new RuleGate(r.getName(), lhs(r.getLhs(), types), reads(r.getLhs(), types)));
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
        long always = factTypes.size() > Long.SIZE ? ALL : 0;
        for (RuleGate g : rules) {
            if (inSession.contains(g.rule)) {
                long matched = g.reads == null ? ALL : facts(factTypes, g.reads.matched());
                always |= g.reads == null ? ALL : facts(factTypes, g.reads.always());
                bound.add(new Bound.Rule(g.rule, g.gate.bind(factTypes), matched));
                gated.add(g.rule);
            }
        }
        boolean gating = active && gated.containsAll(inSession);   // a rule without a gate: no gating
        return new Bound(gating, bound, gating ? always : ALL);
    }

    /** Every fact position: what {@link Bound#open} answers when it cannot tell the facts apart. */
    static final long ALL = -1L;

    /** The positions (bits) of the facts of the given types, or of any subtype. */
    private static long facts(List<Class<?>> factTypes, List<Class<?>> types) {
        long bits = 0;
        for (int i = 0; i < factTypes.size() && i < Long.SIZE; i++) {
            for (Class<?> t : types) {
                if (t.isAssignableFrom(factTypes.get(i))) {
                    bits |= 1L << i;
                }
            }
        }
        return bits;
    }

    /** Gates bound to fact positions: answers for one evaluation's facts. */
    static final class Bound {
        /** A rule's gate and the positions (bits) of the facts its positive top-level patterns match. */
        private record Rule(String name, BoundGate gate, long matched) {
        }

        private final boolean active;
        private final List<Rule> rules;
        /** Positions of the facts always put in: read under {@code not}/{@code exists}, or by a rule not analysed. */
        private final long always;
        /** Per rule position: {@link #OFF}, {@link #ON} or {@link #ASK} in {@link #enabledIn}; set once per parameter set. */
        private final byte[] enabled;
        private Parameters enabledIn;

        private Bound(boolean active, List<Rule> rules, long always) {
            this.active = active;
            this.rules = rules;
            this.always = always;
            this.enabled = new byte[rules.size()];
        }

        /**
         * The facts (bits of their positions) that the evaluation must put into the session, or 0 when no rule
         * enabled in {@code params} may fire on them ({@link #ALL} when inactive). A fact outside the answer is
         * matched by no rule whose gate is open, other than under {@code not} or {@code exists} (such facts are
         * always in), so leaving it out of the session changes no rule's outcome: a shut rule cannot fire with
         * or without it, an open one does not read it.
         */
        long open(Object[] facts, Parameters params) {
            if (!active) {
                return ALL;
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
            long needed = 0;
            for (int i = 0; i < enabled.length; i++) {
                Rule r = rules.get(i);
                if (enabled[i] == OFF || (needed != 0 && (r.matched & ~needed) == 0)) {
                    continue;   // switched off (its features stay uncomputed), or its facts are in already
                }
                int v;
                try {
                    v = r.gate.test(facts, params);
                } catch (RuntimeException e) {
                    v = GateExpressions.UNKNOWN;   // Drools meets the same failure and reports it
                }
                if (v != GateExpressions.FALSE && (enabled[i] == ON || params.enabled(r.name))) {
                    needed |= r.matched | always | Long.MIN_VALUE;   // the sign bit: entered even if it matches none
                }
            }
            return needed;
        }

        private static final byte OFF = 0;
        private static final byte ON = 1;
        private static final byte ASK = 2;
    }

    // ---- derivation ----

    /**
     * A rule's gate and the fact types it reads ({@code null}: not analysed, it reads every fact).
     */
    private record RuleGate(String rule, Gate gate, Reads reads) {
    }

    /** The types of a rule's positive top-level patterns, and those of its patterns under {@code not}/{@code exists}. */
    private record Reads(List<Class<?>> matched, List<Class<?>> always) {
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

    /**
     * The fact types a rule reads: its positive top-level patterns' types, and the types of patterns directly under a
     * top-level {@code not} or {@code exists} (the rule may fire because such a fact is absent, so these are always put
     * into the session); {@code eval} reads no fact. Null (read every fact) for anything else: {@code or},
     * {@code forall}, {@code from}, {@code accumulate}, a query, nesting, or a type that does not load.
     */
    private static Reads reads(AndDescr lhs, Map<String, Class<?>> types) {
        List<Class<?>> matched = new ArrayList<>();
        List<Class<?>> always = new ArrayList<>();
        for (BaseDescr d : lhs.getDescrs()) {
            if (d instanceof PatternDescr p) {
                Class<?> type = plainPatternType(p, types);
                if (type == null) {
                    return null;
                }
                matched.add(type);
            } else if (d instanceof NotDescr || d instanceof ExistsDescr) {
                for (Object inner : ((ConditionalElementDescr) d).getDescrs()) {
                    Class<?> type = inner instanceof PatternDescr p ? plainPatternType(p, types) : null;
                    if (type == null) {
                        return null;
                    }
                    always.add(type);
                }
            } else if (!(d instanceof EvalDescr)) {
                return null;
            }
        }
        return new Reads(List.copyOf(matched), List.copyOf(always));
    }

    /** The type of a pattern on facts of the session (no source, no query), or null when there is none or it does not load. */
    private static Class<?> plainPatternType(PatternDescr p, Map<String, Class<?>> types) {
        if (p.getSource() != null || p.isQuery()) {
            return null;
        }
        Class<?> type = types.get(p.getObjectType());
        return type == null && p.getObjectType().contains(".") ? load(p.getObjectType()) : type;
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
