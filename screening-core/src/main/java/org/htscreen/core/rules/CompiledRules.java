package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.htscreen.core.rules.allowlist.DrlAllowList;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * A rule set compiled by Drools into a {@link KieBase}. Compile once (about 2 s cold), then open one
 * {@link RuleSession} per thread. A KieBase is not serialisable: hosts ship the {@link RuleSet} text and compile
 * where they run.
 */
public final class CompiledRules {

    private static final String RESOURCE_ROOT = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final AtomicLong BUILDS = new AtomicLong();
    /** How the MVEL build starts the message for a constraint it cannot type. */
    private static final String UNANALYSABLE = "Unable to Analyse Expression";
    /**
     * Drools builds the rules of a file with more than 10 rules in parallel on the common fork-join pool; on a
     * loaded host that build intermittently failed to type a pattern binding used in another pattern's constraint
     * ({@code class not found: java.lang.Object$amountEur} for {@code $t.amountEur} in flow.drl). A rule set compiles
     * once per version, so the build runs on the calling thread: the Drools system property is set to -1 unless the
     * host set it (the kmodule.xml route would need drools-xml-support on the class path).
     */
    static final String PARALLEL_BUILD_THRESHOLD = "drools.parallelRulesBuildThreshold";

    static {
        if (System.getProperty(PARALLEL_BUILD_THRESHOLD) == null) {
            System.setProperty(PARALLEL_BUILD_THRESHOLD, "-1");
        }
    }
    /** A pattern on a type the engine passes as a global, e.g. {@code $p : Parameters()}. */
    private static final Pattern GLOBAL_AS_PATTERN =
            Pattern.compile("^\\s*(?:\\$?\\w+\\s*:\\s*)?(Parameters|SignalSink)\\s*\\(");

    private final RuleSet ruleSet;
    private final KieBase kieBase;
    /** The shadow rules alone, or null when the catalogue has none. */
    private final KieBase shadowBase;
    /** Which transactions can open which rule, derived from the DRL (ADR 0022). */
    private final RuleGates gates;
    /** Test hook: a listener every session of these rules gets (null in production). */
    private final AgendaEventListener testListener;

    private CompiledRules(RuleSet ruleSet, KieBase kieBase, KieBase shadowBase, RuleGates gates,
            AgendaEventListener testListener) {
        this.ruleSet = ruleSet;
        this.kieBase = kieBase;
        this.shadowBase = shadowBase;
        this.gates = gates;
        this.testListener = testListener;
    }

    /** Test hook: the same compiled rules, whose sessions call {@code listener} around every rule firing. */
    CompiledRules withListener(AgendaEventListener listener) {
        return new CompiledRules(ruleSet, kieBase, shadowBase, gates, listener);
    }

    /**
     * The same compiled rules without gates: every screened transaction enters Drools, as before ADR 0022. For
     * comparisons and benchmarks; the signals and alerts are the same.
     */
    public CompiledRules everyTransactionEvaluated() {
        return new CompiledRules(ruleSet, kieBase, shadowBase, RuleGates.NONE, testListener);
    }

    /** The rules' gates (ADR 0022): which kinds of transaction can open each rule. */
    public RuleGates gates() {
        return gates;
    }

    /**
     * Compiles a rule set and checks it against its catalogue: every DRL rule must be a catalogue rule of the
     * file's family, and every catalogue rule must exist in the DRL. Shadow rules ({@code mode: shadow}) are split
     * off into a knowledge base of their own: the live rules' base is the one the rule set would compile to without
     * them, so a shadow rule cannot slow, break or change the live evaluation.
     *
     * @throws RuleSetException with Drools' messages (file and line) when the DRL does not compile
     */
    public static CompiledRules compile(RuleSet ruleSet) {
        rejectGlobalsAsPatterns(ruleSet);
        DrlAllowList.enforce(ruleSet);   // rule sets are code: nothing compiles before the allow-list passed
        // Drools loads the generated rule classes through a class loader whose parent is the thread's context class
        // loader. A Flink task's context loader is closed when the task fails, while a compiled rule set may be
        // shared beyond it; the rules only use this library's and the JDK's types (the allow-list), so they are
        // built under the loader of this class, which lives as long as any holder of the result.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(CompiledRules.class.getClassLoader());
        try {
            return build(ruleSet);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static CompiledRules build(RuleSet ruleSet) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("org.htscreen.compiled", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> originalNames = new HashMap<>();
        ruleSet.drl().forEach((file, text) -> {
            String path = RESOURCE_ROOT + packageFolder(text) + file.substring(file.lastIndexOf('/') + 1);
            originalNames.put(path, file);
            originalNames.put(path.substring(RESOURCE_ROOT.length()), file);
            kfs.write(path, text);
        });
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<String> lines = new ArrayList<>();
            Map<String, ConstraintLines> constraints = new HashMap<>();
            for (Message m : errors) {
                String path = m.getPath() == null ? "?" : originalNames.getOrDefault(m.getPath(), m.getPath());
                lines.add(located(path, m, ruleSet, constraints));
            }
            throw doesNotCompile(ruleSet, lines);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        check(ruleSet, kieBase);
        Set<String> shadow = ruleSet.catalogue().shadowRules();
        KieBase shadowBase = null;
        if (!shadow.isEmpty()) {
            shadowBase = container.newKieBase(ks.newKieBaseConfiguration());
            removeRules(shadowBase, id -> !shadow.contains(id));
            removeRules(kieBase, shadow::contains);
        }
        ks.getRepository().removeKieModule(releaseId);
        RuleGates gates = RuleGates.switchedOn() ? RuleGates.derive(ruleSet.drl()) : RuleGates.NONE;
        return new CompiledRules(ruleSet, kieBase, shadowBase, gates, null);
    }

    /**
     * Parameters and the signal sink are DRL globals ({@code $p}, {@code $out}), not facts: a rule that still
     * matches them as patterns would never fire, so it is rejected with its file and line.
     */
    private static void rejectGlobalsAsPatterns(RuleSet ruleSet) {
        List<String> lines = new ArrayList<>();
        ruleSet.drl().forEach((file, text) -> {
            String[] drl = text.split("\n", -1);
            for (int i = 0; i < drl.length; i++) {
                Matcher m = GLOBAL_AS_PATTERN.matcher(drl[i]);
                if (m.find()) {
                    String global = m.group(1).equals("Parameters") ? RuleSession.PARAMETERS_GLOBAL : RuleSession.SINK_GLOBAL;
                    lines.add(file + " line " + (i + 1) + ": " + m.group(1) + " is not a fact; declare 'global "
                            + m.group(1) + " " + global + ";' and use " + global + " without a pattern");
                }
            }
        });
        if (!lines.isEmpty()) {
            throw doesNotCompile(ruleSet, lines);
        }
    }

    /**
     * One Drools error as {@code file line N: text}. The MVEL build reports an expression it cannot analyse (a type
     * error) with line -1 or the line of its pattern: the line is then the one of the constraint the message quotes
     * (ADR 0023). An error whose line cannot be found names the file alone, never line -1.
     */
    private static String located(String path, Message m, RuleSet ruleSet, Map<String, ConstraintLines> constraints) {
        String text = m.getText().strip();
        int line = m.getLine();
        String drl = ruleSet.drl().get(path);
        boolean analyse = text.startsWith(UNANALYSABLE);
        if (drl != null && (line <= 0 || analyse)) {
            java.util.Optional<ConstraintLines.Located> at =
                    constraints.computeIfAbsent(path, f -> ConstraintLines.of(drl)).locate(text);
            if (at.isPresent()) {
                line = at.get().line();
                text = "rule " + at.get().rule() + ": " + text;
            }
        }
        if (analyse) {   // one line: the expression and MVEL's reason, without its echo and caret
            text = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("[Near") && !l.matches("\\^+"))
                    .map(l -> l.startsWith("[Error:") && l.endsWith("]") ? l.substring(7, l.length() - 1).strip() : l)
                    .collect(java.util.stream.Collectors.joining(" "));
        }
        return line > 0 ? path + " line " + line + ": " + text : path + ": " + text + " (Drools names no line)";
    }

    private static RuleSetException doesNotCompile(RuleSet ruleSet, List<String> lines) {
        return new RuleSetException("rule set " + ruleSet.origin() + " does not compile:\n  " + String.join("\n  ", lines));
    }

    /** Folder matching the DRL's package (Drools warns when they differ), e.g. {@code org/htscreen/rules/cash/}. */
    private static String packageFolder(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') + "/" : "";
    }

    private static void check(RuleSet ruleSet, KieBase kieBase) {
        Set<String> inDrl = new TreeSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                String id = r.getName();
                if (ruleSet.catalogue().rule(id).isEmpty()) {
                    throw new RuleSetException("rule \"" + id + "\" in package " + pkg.getName()
                            + " is not in catalogue.yaml (rule names must be catalogue ids)");
                }
                inDrl.add(id);
            }
        }
        Set<String> missing = new TreeSet<>(ruleSet.catalogue().rules().keySet());
        missing.removeAll(inDrl);
        if (!missing.isEmpty()) {
            throw new RuleSetException("catalogue.yaml declares rules that no DRL file defines: " + missing);
        }
    }

    /** Removes from a knowledge base the rules whose name (catalogue id) passes the test. */
    private static void removeRules(KieBase base, java.util.function.Predicate<String> remove) {
        List<String[]> doomed = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                if (remove.test(r.getName())) {
                    doomed.add(new String[] {pkg.getName(), r.getName()});
                }
            }
        }
        for (String[] r : doomed) {
            base.removeRule(r[0], r[1]);
        }
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }


    /** Opens a session of the live rules for one thread. */
    public RuleSession newSession() {
        return withTestListener(new RuleSession(this, kieBase));
    }

    /**
     * Opens a session of the shadow rules for one thread, when the catalogue has any ({@code mode: shadow}): they
     * are evaluated apart from the live rules, with their own time limit, after them.
     */
    public java.util.Optional<RuleSession> newShadowSession() {
        return shadowBase == null ? java.util.Optional.empty()
                : java.util.Optional.of(withTestListener(new RuleSession(this, shadowBase)));
    }

    private RuleSession withTestListener(RuleSession session) {
        if (testListener != null) {
            session.addListener(testListener);
        }
        return session;
    }
}
