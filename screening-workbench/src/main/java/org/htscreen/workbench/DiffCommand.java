package org.htscreen.workbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.htscreen.avro.Typology;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code diff}: two rule/parameter versions on the same data. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Run two rule-set / parameter versions (A: the current, B: the proposed) on the same data and "
                + "report the alerts gained and lost, by typology and by rule (an alert is the same in A and B when "
                + "account, typology and triggering transaction match; a lost and a gained alert of the same account and "
                + "typology within --moved-within of each other are one alert that moved in time); with --labels, "
                + "precision and recall of each.",
        footer = {"", "Example: screening diff -t tx.avro -p profiles.avro -l labels.csv --parameters-b tuned.yaml",
                "Exit codes: 0 the versions raise the same alerts; 1 they differ (or input lines were skipped); "
                        + "2 usage or input error."})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    InputOptions input;

    @Option(names = "--rules-a", paramLabel = "DIR", description = "Rule set A (default: bundled).")
    Path rulesA;
    @Option(names = "--parameters-a", paramLabel = "FILE", description = "Parameters A (default: rule set A's own, else defaults).")
    Path parametersA;
    @Option(names = "--rules-b", paramLabel = "DIR", description = "Rule set B (default: rule set A).")
    Path rulesB;
    @Option(names = "--parameters-b", paramLabel = "FILE", description = "Parameters B (default: rule set B's own, else defaults).")
    Path parametersB;

    @Option(names = "--json", paramLabel = "FILE", description = "The diff as JSON.")
    Path jsonFile;

    @Option(names = "--changes", paramLabel = "FILE",
            description = "Every gained, lost and moved alert as JSON Lines (change, accountId, typology, "
                    + "triggeringTxId, eventTime, score, rules; a moved one also fromTriggeringTxId, fromEventTime).")
    Path changesFile;

    @Option(names = "--moved-within", paramLabel = "DURATION", defaultValue = "30d", converter = DurationConverter.class,
            description = "An alert of A and one of B on the same account and typology whose triggering transactions "
                    + "are at most this far apart in event time are reported as moved, not as lost and gained "
                    + "(default ${DEFAULT-VALUE}, the default signal window; 0 turns it off).")
    java.time.Duration movedWithin;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Run A and B at once (2, default) or one after the other (1).")
    int threads;

    /**
     * Gained and lost alerts between two runs, and alerts that only moved in time ({@code moved}: pairs of the alert
     * in A and the alert in B, same account and typology, another triggering transaction).
     */
    record Outcome(List<AlertRow> gained, List<AlertRow> lost, int kept, List<AlertRow[]> changed, Evaluation a, Evaluation b,
            Replay.Result ra, Replay.Result rb, Labels labels, List<AlertRow[]> moved) {
        boolean same() {
            return gained.isEmpty() && lost.isEmpty() && changed.isEmpty() && moved.isEmpty();
        }

        int keptChanged() {
            return changed.size();
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSet rsA = RuleOptions.load(rulesA);
        RuleSet rsB = rulesB == null || rulesB.equals(rulesA) ? rsA : RuleOptions.load(rulesB);
        ParameterOverrides poA = RuleOptions.loadOverrides(parametersA, rsA);
        ParameterOverrides poB = RuleOptions.loadOverrides(parametersB, rsB);
        if (threads < 1) {
            throw new UsageException("--threads must be >= 1");
        }
        Outcome o;
        try (PreparedInput in = PreparedInput.prepare(input, err)) {
            long bytes = in.data.transactionBytes();
            AtomicLong readA = new AtomicLong();
            AtomicLong readB = new AtomicLong();
            Progress progress = Progress.start(input.progress, System.err, "diff (A and B)", "tx", 2 * bytes,
                    () -> readA.get() + readB.get());
            List<Callable<Replay.Result>> tasks = List.of(
                    () -> Replay.run(new Replay.Settings(rsA, poA, input.lateness, input.sort), in.data, in.profiles,
                            in.errors, null, progress, readA),
                    () -> Replay.run(new Replay.Settings(rsB, poB, input.lateness, input.sort), in.data, in.profiles,
                            in.runErrors(), null, progress, readB));
            List<Replay.Result> r = PreparedInput.parallel(tasks, threads);
            progress.finish();
            o = compare(r.get(0), r.get(1), in.labels, rsA, rsB, movedWithin.toMillis());
            out.print(text(o));
            if (jsonFile != null) {
                BacktestCommand.write(jsonFile, BacktestCommand.JSON.writeValueAsString(json(o)) + "\n");
            }
            if (changesFile != null) {
                writeChanges(changesFile, o);
            }
            if (in.errors.skipped() > 0) {
                err.printf(Locale.ROOT, "exit 1: %s; %,d bad input lines were skipped%n",
                        o.same() ? "no difference" : "the versions differ", in.errors.skipped());
                return Exit.FINDINGS;
            }
        }
        if (!o.same()) {
            err.printf(Locale.ROOT, "exit 1: the versions differ: %d alerts gained, %d lost, %d moved in time%n",
                    o.gained().size(), o.lost().size(), o.moved().size());
            return Exit.FINDINGS;
        }
        return Exit.OK;
    }

    static Outcome compare(Replay.Result a, Replay.Result b, Labels labels, RuleSet rsA, RuleSet rsB) {
        return compare(a, b, labels, rsA, rsB, 0);
    }

    /**
     * Compares the alerts of A and B.
     *
     * @param movedWithinMs a lost and a gained alert of the same account and typology at most this far apart in event
     *                      time are one alert that moved (paired nearest first); 0: none is
     */
    static Outcome compare(Replay.Result a, Replay.Result b, Labels labels, RuleSet rsA, RuleSet rsB,
            long movedWithinMs) {
        Map<String, AlertRow> inA = new LinkedHashMap<>();
        a.alerts().forEach(x -> inA.put(x.key(), x));
        Map<String, AlertRow> inB = new LinkedHashMap<>();
        b.alerts().forEach(x -> inB.put(x.key(), x));
        List<AlertRow> gained = new ArrayList<>();
        List<AlertRow> lost = new ArrayList<>();
        int kept = 0;
        List<AlertRow[]> changed = new ArrayList<>();
        for (Map.Entry<String, AlertRow> e : inB.entrySet()) {
            AlertRow x = inA.get(e.getKey());
            if (x == null) {
                gained.add(e.getValue());
            } else {
                kept++;
                if (!x.ruleIds().equals(e.getValue().ruleIds()) || x.role() != e.getValue().role()) {
                    changed.add(new AlertRow[] {x, e.getValue()});
                }
            }
        }
        for (Map.Entry<String, AlertRow> e : inA.entrySet()) {
            if (!inB.containsKey(e.getKey())) {
                lost.add(e.getValue());
            }
        }
        List<AlertRow[]> moved = movedWithinMs > 0 ? moved(lost, gained, movedWithinMs) : new ArrayList<>();
        Set<String> accounts = new HashSet<>(a.accounts());
        accounts.addAll(b.accounts());
        return new Outcome(gained, lost, kept, changed, Evaluation.of(a.alerts(), accounts, labels, rsA.catalogue()),
                Evaluation.of(b.alerts(), accounts, labels, rsB.catalogue()), a, b, labels, moved);
    }

    /**
     * Pairs lost alerts with gained ones of the same account and typology at most {@code withinMs} apart (the
     * closest pair in time first, then by triggering transaction for a stable result) and takes the pairs out of
     * both lists: the alert is still raised, only earlier or later.
     */
    static List<AlertRow[]> moved(List<AlertRow> lost, List<AlertRow> gained, long withinMs) {
        List<AlertRow[]> candidates = new ArrayList<>();
        Map<String, List<AlertRow>> gainedBy = new LinkedHashMap<>();
        gained.forEach(g -> gainedBy.computeIfAbsent(g.accountId() + "|" + g.typology(), k -> new ArrayList<>()).add(g));
        for (AlertRow l : lost) {
            for (AlertRow g : gainedBy.getOrDefault(l.accountId() + "|" + l.typology(), List.of())) {
                if (Math.abs(g.eventTime() - l.eventTime()) <= withinMs) {
                    candidates.add(new AlertRow[] {l, g});
                }
            }
        }
        candidates.sort(java.util.Comparator.comparingLong((AlertRow[] p) -> Math.abs(p[1].eventTime() - p[0].eventTime()))
                .thenComparing(p -> p[0].key()).thenComparing(p -> p[1].key()));
        Set<AlertRow> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<AlertRow[]> moved = new ArrayList<>();
        for (AlertRow[] p : candidates) {
            if (!used.contains(p[0]) && !used.contains(p[1])) {
                used.add(p[0]);
                used.add(p[1]);
                moved.add(p);
            }
        }
        moved.sort(java.util.Comparator.comparingLong((AlertRow[] p) -> p[0].eventTime()).thenComparing(p -> p[0].key()));
        lost.removeIf(used::contains);
        gained.removeIf(used::contains);
        return moved;
    }

    private static Map<String, int[]> byTypology(Outcome o) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Typology t : Typology.values()) {
            m.put(t.name(), new int[3]);
        }
        o.gained().forEach(x -> m.get(x.typology().name())[0]++);
        o.lost().forEach(x -> m.get(x.typology().name())[1]++);
        o.moved().forEach(x -> m.get(x[0].typology().name())[2]++);
        return m;
    }

    private static Map<String, int[]> byRule(Outcome o) {
        Map<String, int[]> m = new TreeMap<>();
        o.gained().forEach(x -> x.ruleIds().forEach(r -> m.computeIfAbsent(r, k -> new int[3])[0]++));
        o.lost().forEach(x -> x.ruleIds().forEach(r -> m.computeIfAbsent(r, k -> new int[3])[1]++));
        for (AlertRow[] pair : o.changed()) {
            Set<String> diff = new HashSet<>(pair[0].ruleIds());
            diff.addAll(pair[1].ruleIds());
            Set<String> both = new HashSet<>(pair[0].ruleIds());
            both.retainAll(pair[1].ruleIds());
            diff.removeAll(both);
            diff.forEach(r -> m.computeIfAbsent(r, k -> new int[3])[2]++);
        }
        return m;
    }

    private static long accounts(List<AlertRow> rows) {
        return rows.stream().map(AlertRow::accountId).distinct().count();
    }

    static String text(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "A: rule set %s, parameters %s: %,d alerts on %,d accounts%n",
                o.ra().ruleSetVersion(), o.ra().parameterSetVersion(), o.a().alerts(), o.a().overall().alertedAccounts()));
        sb.append(String.format(Locale.ROOT, "B: rule set %s, parameters %s: %,d alerts on %,d accounts%n",
                o.rb().ruleSetVersion(), o.rb().parameterSetVersion(), o.b().alerts(), o.b().overall().alertedAccounts()));
        sb.append(String.format(Locale.ROOT, "Same data: %,d transactions, %,d accounts%n%n", o.ra().transactions(),
                o.a().accounts()));
        sb.append(String.format(Locale.ROOT, "B gains %,d alerts (on %,d accounts) and loses %,d (on %,d accounts); "
                + "%,d alerts are in both%s%n", o.gained().size(), accounts(o.gained()), o.lost().size(),
                accounts(o.lost()), o.kept(), o.keptChanged() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d of them with other contributing rules or role)", o.keptChanged())));
        if (!o.moved().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%,d alerts moved in time (same account and typology, raised by "
                    + "another transaction; not counted as gained or lost):%n", o.moved().size()));
            for (AlertRow[] m : o.moved()) {
                long hours = Math.round((m[1].eventTime() - m[0].eventTime()) / 3_600_000.0);
                sb.append(String.format(Locale.ROOT, "  %-16s %-22s %s (%s) -> %s (%s), %s%dh%n", m[0].accountId(),
                        m[0].typology(), java.time.Instant.ofEpochMilli(m[0].eventTime()), m[0].triggeringTxId(),
                        java.time.Instant.ofEpochMilli(m[1].eventTime()), m[1].triggeringTxId(), hours >= 0 ? "+" : "",
                        hours));
            }
        }
        if (o.a().labelled()) {
            long gp = o.gained().stream().map(AlertRow::accountId).distinct().filter(acc -> isPositive(o, acc)).count();
            sb.append(String.format(Locale.ROOT, "Precision %s -> %s, recall %s -> %s%n",
                    Evaluation.rate(o.a().overall().precision()), Evaluation.rate(o.b().overall().precision()),
                    Evaluation.rate(o.a().overall().recall()), Evaluation.rate(o.b().overall().recall())));
            sb.append(String.format(Locale.ROOT, "Gained alerts fall on %,d labelled-positive accounts%n", gp));
        }
        sb.append("\nBy typology:\n");
        sb.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s%n", "typology", "gained", "lost", "moved"));
        byTypology(o).forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %,8d %,8d %,8d%n", k, v[0], v[1],
                v[2])));
        sb.append("\nBy rule (gained / lost alerts the rule contributed to; changed: alerts in both that the rule "
                + "joined or left):\n");
        Map<String, int[]> rules = byRule(o);
        if (rules.isEmpty()) {
            sb.append("  (none)\n");
        } else {
            sb.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s%n", "rule", "gained", "lost", "changed"));
            rules.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %,8d %,8d %,8d%n", k, v[0], v[1],
                    v[2])));
        }
        sb.append(o.same() ? "\nNo difference.\n" : "");
        return sb.toString();
    }

    private static boolean isPositive(Outcome o, String account) {
        return o.labels().positive(account);
    }

    static ObjectNode json(Outcome o) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode a = root.putObject("a");
        a.put("rule_set", o.ra().ruleSetVersion());
        a.put("parameters", o.ra().parameterSetVersion());
        a.set("summary", o.a().json());
        ObjectNode b = root.putObject("b");
        b.put("rule_set", o.rb().ruleSetVersion());
        b.put("parameters", o.rb().parameterSetVersion());
        b.set("summary", o.b().json());
        root.put("gained", o.gained().size());
        root.put("lost", o.lost().size());
        root.put("moved", o.moved().size());
        root.put("kept", o.kept());
        root.put("kept_changed", o.keptChanged());
        root.put("gained_accounts", accounts(o.gained()));
        root.put("lost_accounts", accounts(o.lost()));
        ObjectNode t = root.putObject("per_typology");
        byTypology(o).forEach((k, v) -> t.putObject(k).put("gained", v[0]).put("lost", v[1]).put("moved", v[2]));
        ObjectNode r = root.putObject("per_rule");
        byRule(o).forEach((k, v) -> r.putObject(k).put("gained", v[0]).put("lost", v[1]).put("changed", v[2]));
        return root;
    }

    static void writeChanges(Path file, Outcome o) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(file);
                JsonGenerator g = new JsonFactory().createGenerator(os)) {
            g.setRootValueSeparator(null);
            for (String change : List.of("gained", "lost")) {
                for (AlertRow x : change.equals("gained") ? o.gained() : o.lost()) {
                    g.writeStartObject();
                    g.writeStringField("change", change);
                    g.writeStringField("accountId", x.accountId());
                    g.writeStringField("typology", x.typology().name());
                    g.writeStringField("roleHint", x.role().name());
                    g.writeStringField("triggeringTxId", x.triggeringTxId());
                    g.writeStringField("eventTime", java.time.Instant.ofEpochMilli(x.eventTime()).toString());
                    g.writeNumberField("score", x.score());
                    g.writeArrayFieldStart("rules");
                    for (String rule : x.ruleIds()) {
                        g.writeString(rule);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
            for (AlertRow[] m : o.moved()) {
                g.writeStartObject();
                g.writeStringField("change", "moved");
                g.writeStringField("accountId", m[1].accountId());
                g.writeStringField("typology", m[1].typology().name());
                g.writeStringField("roleHint", m[1].role().name());
                g.writeStringField("triggeringTxId", m[1].triggeringTxId());
                g.writeStringField("eventTime", java.time.Instant.ofEpochMilli(m[1].eventTime()).toString());
                g.writeStringField("fromTriggeringTxId", m[0].triggeringTxId());
                g.writeStringField("fromEventTime", java.time.Instant.ofEpochMilli(m[0].eventTime()).toString());
                g.writeNumberField("score", m[1].score());
                g.writeArrayFieldStart("rules");
                for (String rule : m[1].ruleIds()) {
                    g.writeString(rule);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }
}
