package org.htscreen.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.DeferredIndicator;
import org.htscreen.core.catalogue.ParameterDefinition;
import org.htscreen.core.catalogue.RuleDefinition;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import picocli.CommandLine.Spec;

/** {@code rules list | show ID | validate DIR}: the catalogue in words, and checking a rule set. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Read the rule catalogue in words, or validate a rule-set directory.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Show.class, RulesCommand.Validate.class,
                BundleCommands.Sign.class, BundleCommands.Verify.class})
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "rules needs a command: list, show ID, validate DIR, sign DIR or verify BUNDLE");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every rule: id, family, on/off, mode (live or shadow), typology weights, role, title; then "
                    + "the engine's parameters.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RuleOptions ruleOptions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet rs = ruleOptions.ruleSet();
            org.htscreen.core.params.Parameters p = ruleOptions.effective(rs);
            Catalogue c = rs.catalogue();
            out.printf(Locale.ROOT, "Rule set %s (catalogue %s), parameters %s: %d rules%n%n", rs.version(),
                    c.version(), p.version(), c.rules().size());
            // columns as wide as their widest value, so that a rule with many typology weights keeps them aligned
            int idWidth = Math.max(2, c.rules().keySet().stream().mapToInt(String::length).max().orElse(0));
            int weightWidth = Math.max(10, c.rules().values().stream().mapToInt(r -> weights(r).length()).max().orElse(0));
            String row = "%-" + idWidth + "s  %-6s %-3s %-6s %-" + weightWidth + "s  %-10s %s%s%n";
            out.printf(Locale.ROOT, row, "ID", "FAMILY", "ON", "MODE", "TYPOLOGIES", "ROLE", "TITLE", "");
            for (RuleDefinition r : c.rules().values()) {
                out.printf(Locale.ROOT, row, r.id(), r.family(), p.enabled(r.id()) ? "yes" : "no", r.mode().word(),
                        weights(r), r.role(), r.title(), r.alertsAlone() ? " (may alert alone)" : "");
            }
            if (!c.shadowRules().isEmpty()) {
                out.printf(Locale.ROOT, "%n%d shadow rules %s: evaluated and recorded (backtest --shadow-out), never "
                        + "counted in a score or alert.%n", c.shadowRules().size(), c.shadowRules());
            }
            out.println();
            out.println("Engine parameters (bin/screening rules show engine):");
            for (ParameterDefinition d : c.engineParameters()) {
                String key = Catalogue.ENGINE + "." + d.name();
                out.printf(Locale.ROOT, "  %-28s = %-8s %s %s%n", key, fmt(p.asMap().get(key)), d.unit(), d.range());
            }
            if (!c.deferred().isEmpty()) {
                out.printf(Locale.ROOT, "%n%d indicators are not rules yet (bin/screening rules show deferred).%n",
                        c.deferred().size());
            }
            out.println();
            out.println("Details of one rule: bin/screening rules show ID");
            return Exit.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One rule in words: what it detects, sources, typology weights, role, and its parameters "
                    + "with current value, default, unit and allowed range. ID 'engine' shows the engine's parameters, "
                    + "'deferred' the indicators that are not rules yet.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RuleOptions ruleOptions;
        @picocli.CommandLine.Parameters(paramLabel = "ID", description = "Rule id (e.g. HT-CASH-01), 'engine' or 'deferred'.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet rs = ruleOptions.ruleSet();
            org.htscreen.core.params.Parameters p = ruleOptions.effective(rs);
            Catalogue c = rs.catalogue();
            String want = id.trim().toUpperCase(Locale.ROOT);
            if (want.equals("ENGINE")) {
                out.println("Engine parameters (parameters " + p.version() + "):");
                params(out, p, Catalogue.ENGINE, c.engineParameters());
                return Exit.OK;
            }
            if (want.equals("DEFERRED")) {
                for (DeferredIndicator d : c.deferred()) {
                    out.printf(Locale.ROOT, "%s  %s%n    not a rule yet: %s%n", d.id(), d.title(), d.reason());
                }
                return Exit.OK;
            }
            RuleDefinition r = c.rule(want).orElse(null);
            if (r == null) {
                List<String> near = c.rules().keySet().stream()
                        .filter(k -> k.startsWith(want.length() >= 7 ? want.substring(0, 7) : want)).toList();
                throw new InputException("no rule " + id + " in the catalogue"
                        + (near.isEmpty() ? " (bin/screening rules list shows every rule)" : "; did you mean " + near + "?"));
            }
            out.printf(Locale.ROOT, "%s  %s%n", r.id(), r.title());
            out.printf(Locale.ROOT, "Family:      %s (%s)%n", r.family(), r.family().drlFile());
            out.printf(Locale.ROOT, "Enabled:     %s%n", p.enabled(r.id()) ? "yes" : "no");
            out.printf(Locale.ROOT, "Mode:        %s%n", r.live() ? "live (counts towards scores and alerts)"
                    : "shadow (evaluated and recorded, never counted in a score or alert)");
            out.printf(Locale.ROOT, "Role:        %s%n", switch (r.role()) {
                case CONTROLLER -> "fires mostly on controllers, recruiters or facilitators";
                case VICTIM -> "fires mostly on people being exploited";
                case EITHER -> "fires on either side";
            });
            out.printf(Locale.ROOT, "Alerts alone: %s%n", r.alertsAlone() ? "yes (may raise an alert without a second family)"
                    : "no (needs signals from other families)");
            out.println();
            out.println(wrap(r.description(), 100, ""));
            out.println();
            out.println("Typology weights:");
            r.typologies().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    out.printf(Locale.ROOT, "  %-5s %.2f  %s%n", e.getKey(), e.getValue(), e.getKey().words()));
            out.println("Sources:");
            r.sources().forEach(s -> out.println(wrap("- " + s, 100, "    ")));
            out.println("Parameters (parameters " + p.version() + "):");
            List<ParameterDefinition> defs = new ArrayList<>(r.parameters());
            params(out, p, r.id(), defs);
            out.printf(Locale.ROOT, "  %-22s = %-8s (default true) {true, false}%n", "enabled", p.enabled(r.id()));
            return Exit.OK;
        }

        private static void params(PrintWriter out, org.htscreen.core.params.Parameters p, String owner,
                List<ParameterDefinition> defs) {
            for (ParameterDefinition d : defs) {
                Object v = p.asMap().get(owner + "." + d.name());
                Object def = d.coerce(owner + "." + d.name(), d.defaultValue());
                out.printf(Locale.ROOT, "  %-22s = %-8s %-6s (default %s) allowed %s%n", d.name(), fmt(v), d.unit(),
                        fmt(def), d.range());
                out.println(wrap(d.description(), 100, "      "));
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Compile a rule-set directory: catalogue.yaml, drl/*.drl, reference/ and parameters.yaml "
                    + "(plus --parameters FILE). Reports every error with file and line; exit 0 only when valid.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Parameters(paramLabel = "DIR", description = "Rule-set directory (layout of rules/).")
        Path dir;
        @picocli.CommandLine.Option(names = "--parameters", paramLabel = "FILE",
                description = "A parameter file to check against this rule set as well.")
        Path parameters;

        /** {@code drl/x.drl line 12: msg}, or {@code drl/x.drl: msg} when Drools names no line. */
        private static final Pattern DROOLS_LINE = Pattern.compile("^\\s*(\\S+?)(?: line (\\d+))?: (.*)$", Pattern.DOTALL);
        private static final Pattern FILE_LINE = Pattern.compile("^(\\S+?) line (\\d+): (.*)$", Pattern.DOTALL);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                throw new InputException(dir + ": not a directory");
            }
            List<String> errors = new ArrayList<>();
            Map<String, String> files = new LinkedHashMap<>();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    if (rel.equals(RuleSet.CATALOGUE) || rel.startsWith("drl/") && rel.endsWith(".drl")
                            || rel.startsWith("reference/")) {
                        files.put(rel, Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new InputException(dir + ": cannot read: " + e.getMessage(), e);
            }
            RuleSet rs = null;
            try {
                rs = RuleSet.fromFiles(dir.toString(), files);
            } catch (RuleSetException | InvalidParameterException e) {
                errors.addAll(located(e.getMessage()));
            }
            int overrides = 0;
            List<Path> paramFiles = new ArrayList<>();
            if (Files.isRegularFile(dir.resolve(RuleSet.PARAMETERS))) {
                paramFiles.add(dir.resolve(RuleSet.PARAMETERS));
            }
            if (parameters != null) {
                paramFiles.add(parameters);
            }
            String paramVersion = "defaults";
            for (Path pf : paramFiles) {
                ParameterOverrides po;
                try {
                    po = ParameterOverrides.read(pf);
                } catch (InvalidParameterException e) {
                    errors.add(prefix(pf, e.getMessage()));
                    continue;
                }
                paramVersion = po.version();
                if (rs != null) {
                    for (ParameterOverrides.Override o : po.values()) {
                        try {
                            org.htscreen.core.params.Parameters.of(rs.catalogue(),
                                    new ParameterOverrides(po.version(), List.of(o)));
                            overrides++;
                        } catch (InvalidParameterException e) {
                            errors.add(prefix(pf, e.getMessage()));
                        }
                    }
                }
            }
            if (rs != null) {
                try {
                    CompiledRules.compile(rs);
                } catch (RuleSetException e) {
                    errors.addAll(located(e.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                errors.forEach(err::println);
                err.println("exit 1: rule set " + dir + " is not valid (" + errors.size() + " error"
                        + (errors.size() == 1 ? "" : "s") + ")");
                return Exit.FINDINGS;
            }
            out.printf(Locale.ROOT, "valid: %s: %d rules in %d DRL files, %d parameter overrides; rule-set version %s, "
                    + "parameters %s%n", dir, rs.catalogue().rules().size(), rs.drl().size(), overrides, rs.version(),
                    paramVersion);
            return Exit.OK;
        }

        /** Turns "x.drl line 12: msg" lines into "DIR/x.drl:12: msg". */
        private List<String> located(String message) {
            List<String> out = new ArrayList<>();
            String[] parts = message.split("\n  (?=\\S+ line \\d+: |\\S+\\.drl: )");
            boolean any = false;
            for (int i = 1; i < parts.length; i++) {
                Matcher m = DROOLS_LINE.matcher(parts[i]);
                if (m.matches()) {
                    String file = m.group(1).replaceFirst("^(src/main/resources/)?htscreen/", "");
                    out.add(dir.resolve(file) + (m.group(2) == null ? "" : ":" + m.group(2)) + ": "
                            + m.group(3).strip().replaceAll("\\s*\\n\\s*", " "));
                    any = true;
                }
            }
            if (!any) {
                out.add(prefix(dir, message.strip()));
            }
            if (out.size() > 1) {
                out.removeIf(l -> l.endsWith(": Parser returned a null Package"));   // Drools' echo of the real error
            }
            return out;
        }

        private static String prefix(Path base, String message) {
            Matcher m = FILE_LINE.matcher(message);
            Path root = Files.isDirectory(base) ? base : base.toAbsolutePath().getParent();
            if (m.matches()) {
                String file = m.group(1);
                Path p = Files.isDirectory(base) ? base.resolve(file) : base;
                return p + ":" + m.group(2) + ": " + m.group(3);
            }
            if (message.startsWith(base.toString())) {
                return message;
            }
            return (Files.isDirectory(base) ? base : base) + ": " + message;
        }
    }

    static String weights(RuleDefinition r) {
        StringBuilder sb = new StringBuilder();
        for (TypologyCode t : TypologyCode.values()) {
            double w = r.weight(t);
            if (w > 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(t.name()).append(':').append(fmt(w));
            }
        }
        return sb.toString();
    }

    static String fmt(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    static String wrap(String text, int width, String indent) {
        StringBuilder sb = new StringBuilder(indent);
        int col = indent.length();
        for (String w : text.strip().split("\\s+")) {
            if (col + w.length() + 1 > width && col > indent.length()) {
                sb.append('\n').append(indent);
                col = indent.length();
            } else if (col > indent.length()) {
                sb.append(' ');
                col++;
            }
            sb.append(w);
            col += w.length();
        }
        return sb.toString();
    }
}
