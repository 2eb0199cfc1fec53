package org.htscreen.core.rules.allowlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;

/**
 * The DRL allow-list: rule sets are code, so before anything compiles every DRL file is parsed with Drools' own
 * parser and its descriptors are walked; only the constructs analysts need to write red-flag rules pass
 * (docs/rules-allow-list.md). Refused, with file and line: imports other than the fact types, {@code Parameters}
 * and {@code SignalSink}; {@code function}, {@code declare}, {@code query}, globals other than {@code $p} and
 * {@code $out}; {@code eval}, {@code from}, {@code accumulate}, {@code collect}, {@code forall}; rule attributes
 * other than a literal {@code salience}; any dialect but Java; and in constraints and consequences any call but
 * the facts' getters, {@code $p}, {@code $out}, {@code String.format} and {@code SignalSink.format/percent}, any
 * loop, {@code try}, lambda, anonymous class or {@code new} of anything but a list or set. Checking runs no rule
 * code and initialises no class of the rule set.
 */
public final class DrlAllowList {

    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s*:=?\\s*(?![=])(.*)$",
            Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private DrlAllowList() {
    }

    /** Refuses a rule set with a construct outside the allow-list, listing every violation with file and line. */
    public static void enforce(RuleSet ruleSet) {
        List<Violation> all = new ArrayList<>();
        ruleSet.drl().forEach((file, text) -> all.addAll(check(file, text)));
        if (!all.isEmpty()) {
            List<String> lines = all.stream().map(Violation::toString).toList();
            throw new RuleSetException("rule set " + ruleSet.origin() + " is refused by the DRL allow-list:\n  "
                    + String.join("\n  ", lines));
        }
    }

    /** Every violation in one DRL file, in the order met; empty when the file is within the allow-list. */
    public static List<Violation> check(String file, String drl) {
        List<Violation> out = new ArrayList<>();
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            out.add(new Violation(file, 1, "does not parse: " + e.getMessage()));
            return out;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError e : parser.getErrors()) {
                int line = e instanceof ParserError p ? p.getRow() : 1;
                out.add(new Violation(file, line, "does not parse: " + e.getMessage()));
            }
            if (out.isEmpty()) {
                out.add(new Violation(file, 1, "does not parse"));
            }
            return out;
        }
        new FileCheck(file, out).check(pkg);
        return out;
    }

    /** The walk over one file's descriptors. */
    private static final class FileCheck {
        private final String file;
        private final List<Violation> out;
        private final Map<String, Class<?>> types = new HashMap<>();

        FileCheck(String file, List<Violation> out) {
            this.file = file;
            this.out = out;
        }

        void check(PackageDescr pkg) {
            if (pkg.getUnit() != null) {
                refuse(pkg.getUnit(), "a rule unit");
            }
            for (ImportDescr i : pkg.getImports()) {
                Optional<Class<?>> c = AllowedTypes.importable(i.getTarget());
                if (c.isEmpty()) {
                    refuse(i, "import " + i.getTarget() + " (only the fact types in org.htscreen.core.features, "
                            + "Parameters, SignalSink and the enums of org.htscreen.avro)");
                } else {
                    types.put(c.get().getSimpleName(), c.get());
                }
            }
            pkg.getFunctionImports().forEach(f -> refuse(f, "import function " + f.getTarget()));
            pkg.getAccumulateImports().forEach(a -> refuse(a, "import accumulate " + a.getTarget()));
            pkg.getFunctions().forEach(f -> refuse(f, "function " + f.getName() + " (rules call only getters)"));
            pkg.getTypeDeclarations().forEach(t -> refuse(t, "declare " + t.getTypeName()));
            pkg.getEnumDeclarations().forEach(t -> refuse(t, "declare enum " + t.getTypeName()));
            pkg.getEntryPointDeclarations().forEach(t -> refuse(t, "declare entry-point " + t.getEntryPointId()));
            pkg.getWindowDeclarations().forEach(t -> refuse(t, "declare window " + t.getName()));
            for (AttributeDescr a : pkg.getAttributes()) {
                attribute(a, "package");
            }
            Map<String, Class<?>> globals = new HashMap<>();
            for (GlobalDescr g : pkg.getGlobals()) {
                Class<?> expected = AllowedTypes.GLOBALS.get(g.getIdentifier());
                Class<?> declared = types.get(g.getType());
                if (declared == null) {
                    declared = AllowedTypes.importable(g.getType()).orElse(null);
                }
                if (expected == null || expected != declared) {
                    refuse(g, "global " + g.getType() + " " + g.getIdentifier()
                            + " (only 'global Parameters $p;' and 'global SignalSink $out;')");
                } else {
                    globals.put(g.getIdentifier(), expected);
                }
            }
            for (RuleDescr r : pkg.getRules()) {
                rule(r, globals);
            }
        }

        private void rule(RuleDescr r, Map<String, Class<?>> globals) {
            if (r.isQuery()) {
                refuse(r, "query " + r.getName());
                return;
            }
            if (r.getParentName() != null) {
                refuse(r, "rule " + r.getName() + " extends " + r.getParentName());
            }
            annotations(r);
            r.getAttributes().values().forEach(a -> attribute(a, "rule " + r.getName()));
            if (!r.getNamedConsequences().isEmpty()) {
                refuse(r, "named consequences in rule " + r.getName());
            }
            Map<String, Class<?>> vars = new HashMap<>(globals);
            types.forEach((simple, c) -> vars.put("#type:" + simple, c));
            conditions(r.getLhs(), vars);
            Object consequence = r.getConsequence();
            if (consequence instanceof String text && !text.isBlank()) {
                Map<String, Class<?>> bound = new HashMap<>();
                vars.forEach((k, v) -> {
                    if (!k.startsWith("#")) {
                        bound.put(k, v);
                    }
                });
                // Drools counts the consequence from the line before its text
                JavaSubset.consequence(file, Math.max(1, r.getConsequenceLine() + 1), text, bound, out);
            } else if (consequence != null && !(consequence instanceof String)) {
                refuse(r, "a consequence that is not text");
            }
        }

        private void conditions(BaseDescr d, Map<String, Class<?>> vars) {
            if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr) {
                annotations(d);
                for (BaseDescr child : children(d)) {
                    conditions(child, vars);
                }
            } else if (d instanceof PatternDescr p) {
                pattern(p, vars);
            } else {
                refuse(d, kind(d) + " (only patterns on facts, and, or, not, exists)");
            }
        }

        private static List<? extends BaseDescr> children(BaseDescr d) {
            if (d instanceof AndDescr a) {
                return a.getDescrs();
            } else if (d instanceof OrDescr o) {
                return o.getDescrs();
            } else if (d instanceof NotDescr n) {
                return n.getDescrs();
            }
            return ((ExistsDescr) d).getDescrs();
        }

        private void pattern(PatternDescr p, Map<String, Class<?>> vars) {
            annotations(p);
            if (p.getSource() != null) {
                refuse(p, kind(p.getSource()) + " as the source of a pattern (from, accumulate, collect, entry-point, window)");
                return;
            }
            if (p.isQuery()) {
                refuse(p, "a query call");
                return;
            }
            Class<?> type = types.get(p.getObjectType());
            if (type == null) {
                type = AllowedTypes.importable(p.getObjectType()).orElse(null);
            }
            if (type == null || !AllowedTypes.isFact(type)) {
                refuse(p, "a pattern on " + p.getObjectType() + " (only ScreenedTransaction, CustomerProfile and the"
                        + " *Features fact types)");
                return;
            }
            for (BaseDescr c : p.getDescrs()) {
                if (!(c instanceof ExprConstraintDescr e)) {
                    refuse(c, kind(c) + " in a pattern");
                    continue;
                }
                String text = e.getExpression();
                Matcher b = BINDING.matcher(text);
                String binding = null;
                if (b.matches() && !text.contains("?")) {
                    binding = b.group(1);
                    text = b.group(2);
                }
                int line = e.getLine() > 0 ? e.getLine() : p.getLine();
                Class<?> t = JavaSubset.constraint(file, line, text, type, vars, out);
                if (binding != null) {
                    bind(e, binding, t, vars);
                }
            }
            if (p.getIdentifier() != null && !p.getIdentifier().isEmpty()) {
                bind(p, p.getIdentifier(), type, vars);
            }
        }

        private void bind(BaseDescr d, String name, Class<?> type, Map<String, Class<?>> vars) {
            if (AllowedTypes.GLOBALS.containsKey(name)) {
                refuse(d, "binding a fact to the global's name " + name);
            } else if (type != null) {
                vars.put(name, type);
            }
        }

        private void attribute(AttributeDescr a, String where) {
            boolean literalSalience = a.getName().equals("salience") && INTEGER.matcher(a.getValue().strip()).matches();
            boolean javaDialect = a.getName().equals("dialect") && a.getValue().strip().replace("\"", "").equals("java");
            if (!literalSalience && !javaDialect && !a.getName().equals("no-loop")) {
                refuse(a, "the attribute '" + a.getName() + " " + JavaSubset.abbreviate(a.getValue()) + "' of " + where
                        + " (only an integer salience, no-loop and dialect \"java\")");
            }
        }

        private void annotations(BaseDescr d) {
            if (d instanceof AnnotatedBaseDescr a && !a.getAnnotations().isEmpty()) {
                refuse(d, "annotations (" + a.getAnnotationNames() + ")");
            }
        }

        private void refuse(BaseDescr d, String what) {
            out.add(new Violation(file, Math.max(1, d.getLine()), what + " is not allowed"));
        }

        private static String kind(BaseDescr d) {
            String s = d.getClass().getSimpleName().replace("Descr", "");
            return s.isEmpty() ? "this construct" : s.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
