package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sweep}: above-the-line / below-the-line testing over parameter ranges. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary one or more parameters over ranges (every combination), run the backtest for each "
                + "setting, and report alerts, precision and recall per setting and per typology with the knee and the "
                + "current setting (the parameters in force) marked, the alerts each setting gains and loses against "
                + "the current one, and a sample of each setting's below-the-line accounts (alerting at the next lower "
                + "setting, with their signals). Writes sweep.csv, sweep.json and a self-contained sweep.html with "
                + "charts to --out.",
        footer = {"", "Example: screening sweep -t tx.avro -p profiles.avro -l labels.csv "
                + "--vary HT-CASH-01.min_deposits=2:8:1",
                "Exit codes: 0 done; 1 done, but input lines were skipped; 2 usage or input error."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    RuleOptions ruleOptions;
    @Mixin
    InputOptions input;

    @Option(names = "--vary", paramLabel = "KEY=VALUES", required = true,
            description = "A parameter and its values: a list (engine.threshold_SEX=0.8,1,1.2; true,false) or a range "
                    + "from:to:step (HT-CASH-01.min_deposits=2:8:1). Repeat to vary several (every combination).")
    List<String> vary;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep-out",
            description = "Directory for sweep.csv, sweep.json and sweep.html (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Settings run at once, each on its own engine (default: the number of cores, at most 4).")
    Integer threads;

    @Option(names = "--below-sample", paramLabel = "N", defaultValue = "" + SweepLines.DEFAULT_SAMPLE,
            description = "Below-the-line accounts listed per setting, highest score first (default ${DEFAULT-VALUE}; "
                    + "the count is always complete).")
    int belowSample;

    @Option(names = "--exemptions", paramLabel = "FILE",
            description = "Exemptions (YAML, as for backtest): alerts they cover are not raised, as in the job, so every "
                    + "setting's alerts, precision and recall are the ones analysts would see; the suppressed alerts are "
                    + "counted per setting (column 'suppressed', and per exemption id in sweep.json).")
    Path exemptionsFile;

    @Option(names = "--max-settings", paramLabel = "N", defaultValue = "200",
            description = "Refuse sweeps with more settings than this (default ${DEFAULT-VALUE}).")
    int maxSettings;

    /** One row of the results; {@code pairs}: the first alert of each alerted account and typology. */
    record Row(Sweep.Setting setting, Evaluation eval, Replay.Result result, Map<String, SweepLines.Brief> pairs) {
        double f1() {
            Double p = eval.overall().precision();
            Double r = eval.overall().recall();
            return p == null || r == null || p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Sweep.Axis> axes = new ArrayList<>();
        for (String v : vary) {
            axes.add(Sweep.axis(v));
        }
        List<Sweep.Setting> settings = Sweep.settings(axes);
        if (settings.size() > maxSettings) {
            throw new UsageException(settings.size() + " settings is more than --max-settings " + maxSettings);
        }
        RuleSet rs = ruleOptions.ruleSet();
        Exemptions exemptions = exemptionsFile == null ? null : ExemptionsCommand.load(exemptionsFile, rs);
        ParameterOverrides given = ruleOptions.overrides(rs);
        ParameterOverrides base = given != null ? given : rs.overrides().orElse(ParameterOverrides.none());
        List<ParameterOverrides> overrides = new ArrayList<>();
        for (Sweep.Setting s : settings) {
            overrides.add(Sweep.overrides(rs.catalogue(), base, s));
        }
        int n = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        if (n < 1) {
            throw new UsageException("--threads must be >= 1");
        }
        List<Row> rows;
        long positives;
        try (PreparedInput in = PreparedInput.prepare(input, err)) {
            long bytes = in.data.transactionBytes();
            List<AtomicLong> read = new ArrayList<>();
            settings.forEach(s -> read.add(new AtomicLong()));
            Progress progress = Progress.start(input.progress, System.err,
                    "sweep (" + settings.size() + " settings)", "tx", bytes * settings.size(),
                    () -> read.stream().mapToLong(AtomicLong::get).sum());
            Parameters inForce = Parameters.of(rs.catalogue(), base);
            int current = SweepLines.current(settings, inForce);
            List<ParameterOverrides> runs = new ArrayList<>(overrides);
            List<Sweep.Setting> runSettings = new ArrayList<>(settings);
            if (current < 0) {   // the setting in force is not swept: run it too, as the reference
                runs.add(base);
                Map<String, Object> values = new LinkedHashMap<>();
                axes.forEach(a -> values.put(a.key(), inForce.asMap().get(a.key())));
                runSettings.add(new Sweep.Setting(values));
                read.add(new AtomicLong());
            }
            List<Callable<Row>> tasks = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int k = i;
                tasks.add(() -> {
                    Map<String, SweepLines.Brief> pairs = new LinkedHashMap<>();
                    Replay.Result r = Replay.run(new Replay.Settings(rs, runs.get(k), input.lateness, input.sort, 1,
                                    exemptions == null ? Exemptions.none() : exemptions),
                            in.data, in.profiles, k == 0 ? in.errors : in.runErrors(),
                            a -> pairs.putIfAbsent(SweepLines.Brief.key(a.getAccountId(), a.getTypology()),
                                    SweepLines.Brief.of(a)), progress, read.get(k));
                    read.get(k).set(bytes);
                    return new Row(runSettings.get(k), Evaluation.of(r.alerts(), r.accounts(), in.labels, rs.catalogue()),
                            r, pairs);
                });
            }
            rows = new ArrayList<>(PreparedInput.parallel(tasks, n));
            progress.finish();
            Row reference = current >= 0 ? rows.get(current) : rows.remove(rows.size() - 1);
            Lines lines = lines(rows, axes, current, reference, in.labels);
            positives = in.labels.isEmpty() ? 0 : in.labels.positives();
            int knee = knee(rows, axes);
            String basis = rows.get(0).eval().labelled() ? "recall against alerts"
                    : "alerts against " + (axes.size() == 1 ? axes.get(0).key() : "setting");
            writeCsv(out.resolve("sweep.csv"), rows, axes, knee, lines, exemptions != null);
            ObjectNode json = json(rows, axes, knee, basis, rs, positives, exemptions);
            addLines(json, rows, lines, in.labels, belowSample);
            BacktestCommand.write(out.resolve("sweep.json"), BacktestCommand.JSON.writeValueAsString(json) + "\n");
            BacktestCommand.write(out.resolve("sweep.html"), html(json));
            printTable(o, rows, knee, basis, lines);
            printLines(o, rows, lines, in.labels, belowSample);
            if (exemptions != null) {
                printSuppressed(o, rows, exemptions, exemptionsFile);
            }
            o.printf(Locale.ROOT, "%nWrote %s, %s and %s%n", out.resolve("sweep.csv"), out.resolve("sweep.json"),
                    out.resolve("sweep.html"));
            if (in.errors.skipped() > 0) {
                o.printf(Locale.ROOT, "Skipped %,d bad lines (--max-errors %d); listed above%n", in.errors.skipped(),
                        in.errors.maxErrors());
                err.printf(Locale.ROOT, "exit 1: done, but %,d bad input lines were skipped%n", in.errors.skipped());
                return Exit.FINDINGS;
            }
        }
        return Exit.OK;
    }

    /**
     * With labels: the knee of recall against alerts (settings ordered by alerts). Without: the knee of alerts
     * against the parameter when one numeric parameter is varied. -1 when there is none.
     */
    static int knee(List<Row> rows, List<Sweep.Axis> axes) {
        boolean labelled = rows.get(0).eval().labelled();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        if (labelled) {
            order.sort(Comparator.comparingLong((Integer i) -> rows.get(i).eval().alerts())
                    .thenComparingDouble(i -> recall(rows.get(i))));
            for (int k = 0; k < order.size(); k++) {
                x[k] = rows.get(order.get(k)).eval().alerts();
                y[k] = recall(rows.get(order.get(k)));
            }
        } else if (axes.size() == 1 && axes.get(0).values().stream().allMatch(v -> v instanceof Number)) {
            for (int k = 0; k < rows.size(); k++) {
                x[k] = ((Number) rows.get(k).setting().values().get(axes.get(0).key())).doubleValue();
                y[k] = rows.get(k).eval().alerts();
            }
        } else {
            return -1;
        }
        int k = Sweep.knee(x, y);
        return k < 0 ? -1 : order.get(k);
    }

    private static double recall(Row r) {
        Double v = r.eval().overall().recall();
        return v == null ? 0 : v;
    }

    /** With {@code suppressed}, a last column counts the alerts the exemptions kept back at each setting. */
    static void writeCsv(Path file, List<Row> rows, List<Sweep.Axis> axes, int knee, Lines lines, boolean suppressed) {
        StringBuilder sb = new StringBuilder("setting");
        axes.forEach(a -> sb.append(',').append(a.key()));
        sb.append(",alerts,alerted_accounts,accounts,alert_rate,precision,recall,f1,knee,current,gained,lost,"
                + "below_the_line" + (suppressed ? ",suppressed" : "") + "\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Evaluation.Stats s = r.eval().overall();
            sb.append(i + 1);
            for (Sweep.Axis a : axes) {
                sb.append(',').append(RulesCommand.fmt(r.setting().values().get(a.key())));
            }
            sb.append(String.format(Locale.ROOT, ",%d,%d,%d,%s,%s,%s,%s,%s,%s,%d,%d,%s", s.alerts(),
                    s.alertedAccounts(), s.accounts(), num(s.alertRate()), s.precision() == null ? "" : num(s.precision()),
                    s.recall() == null ? "" : num(s.recall()), r.eval().labelled() ? num(r.f1()) : "",
                    i == knee ? "yes" : "", i == lines.current() ? "yes" : "", lines.gained().get(i).size(),
                    lines.lost().get(i).size(), lines.lower()[i] < 0 ? "" : Integer.toString(lines.below().get(i).size())));
            sb.append(suppressed ? "," + r.result().suppressed().suppressions().size() : "").append('\n');
        }
        BacktestCommand.write(file, sb.toString());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The sweep's JSON; with exemptions (else null), their version and each setting's suppressed alerts. */
    static ObjectNode json(List<Row> rows, List<Sweep.Axis> axes, int knee, String basis, RuleSet rs,
            long positives, Exemptions exemptions) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode params = root.putArray("params");
        axes.forEach(a -> params.add(a.key()));
        Replay.Result first = rows.get(0).result();
        root.put("transactions", first.transactions());
        root.put("accounts", rows.get(0).eval().accounts());
        root.put("ruleSet", rs.version());
        root.put("labelled", rows.get(0).eval().labelled());
        root.put("positives", positives);
        if (knee >= 0) {
            root.put("knee", knee);
        } else {
            root.putNull("knee");
        }
        root.put("kneeBasis", basis);
        if (exemptions != null) {
            root.put("exemptions", exemptions.version());
        }
        ArrayNode arr = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode row = arr.addObject();
            row.put("setting", r.setting().label());
            ObjectNode values = row.putObject("values");
            r.setting().values().forEach((k, v) -> {
                if (v instanceof Long l) {
                    values.put(k, l);
                } else if (v instanceof Double d) {
                    values.put(k, d);
                } else {
                    values.put(k, String.valueOf(v));
                }
            });
            Evaluation.Stats s = r.eval().overall();
            row.put("alerts", s.alerts());
            row.put("alerted_accounts", s.alertedAccounts());
            row.put("accounts", s.accounts());
            row.put("alert_rate", Evaluation.round(s.alertRate()));
            Evaluation.putRate(row, "precision", s.precision());
            Evaluation.putRate(row, "recall", s.recall());
            Evaluation.putRate(row, "f1", r.eval().labelled() ? r.f1() : null);
            row.put("parameterSetVersion", r.result().parameterSetVersion());
            row.set("summary", r.eval().json());
            if (exemptions != null) {
                row.set("suppressed", r.result().suppressed().json());
            }
        }
        return root;
    }

    static String html(ObjectNode json) throws IOException {
        String template;
        try (InputStream in = SweepCommand.class.getResourceAsStream("sweep-report.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode slim = json.deepCopy();
        slim.withArray("rows").forEach(r -> ((ObjectNode) r).remove("summary"));
        String data = BacktestCommand.JSON.writeValueAsString(slim).replace("</", "<\\/");
        return template.replace("/*DATA*/", data);
    }

    /**
     * The above/below-the-line analysis of a sweep.
     *
     * @param current   index of the setting in force, or -1 when it was run apart as the reference
     * @param reference the run of the setting in force
     * @param lower     per setting, the next lower setting (-1: none)
     * @param gained    per setting, the account and typology pairs alerted there and not at the current setting
     * @param lost      per setting, the pairs alerted at the current setting and not there
     * @param below     per setting, its below-the-line accounts (alerted at the next lower setting, not there)
     */
    record Lines(int current, Row reference, int[] lower, List<Set<String>> gained, List<Set<String>> lost,
            List<List<SweepLines.Brief>> below) {
    }

    static Lines lines(List<Row> rows, List<Sweep.Axis> axes, int current, Row reference, Labels labels) {
        List<Sweep.Setting> settings = rows.stream().map(Row::setting).toList();
        int[] lower = SweepLines.lower(settings, axes);
        List<Set<String>> gained = new ArrayList<>();
        List<Set<String>> lost = new ArrayList<>();
        List<List<SweepLines.Brief>> below = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            gained.add(SweepLines.missingFrom(rows.get(i).pairs(), reference.pairs()));
            lost.add(SweepLines.missingFrom(reference.pairs(), rows.get(i).pairs()));
            below.add(lower[i] < 0 ? List.of() : SweepLines.belowTheLine(rows.get(i).pairs(), rows.get(lower[i]).pairs()));
        }
        return new Lines(current, reference, lower, gained, lost, below);
    }

    /** Adds the current setting, gains and losses, per-typology figures and below-the-line samples to the JSON. */
    static void addLines(ObjectNode root, List<Row> rows, Lines lines, Labels labels, int sample) {
        if (lines.current() >= 0) {
            root.put("current", lines.current());
        } else {
            root.putNull("current");
        }
        ObjectNode cv = root.putObject("current_values");
        lines.reference().setting().values().forEach((k, v) -> cv.put(k, RulesCommand.fmt(v)));
        root.put("current_alerted_pairs", lines.reference().pairs().size());
        ArrayNode arr = (ArrayNode) root.get("rows");
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = (ObjectNode) arr.get(i);
            row.put("current", i == lines.current());
            row.put("gained", lines.gained().get(i).size());
            row.put("lost", lines.lost().get(i).size());
            if (!labels.isEmpty()) {
                row.put("gained_positive", SweepLines.positives(lines.gained().get(i), labels));
                row.put("lost_positive", SweepLines.positives(lines.lost().get(i), labels));
            }
            ObjectNode types = row.putObject("typologies");
            Set<String> gained = lines.gained().get(i);
            Set<String> lost = lines.lost().get(i);
            rows.get(i).eval().perTypology().forEach((t, st) -> {
                ObjectNode n = types.putObject(t.name());
                n.put("alerts", st.alerts());
                n.put("alerted_accounts", st.alertedAccounts());
                Evaluation.putRate(n, "precision", st.precision());
                Evaluation.putRate(n, "recall", st.recall());
                n.put("gained", gained.stream().filter(k -> k.endsWith("|" + t.name())).count());
                n.put("lost", lost.stream().filter(k -> k.endsWith("|" + t.name())).count());
            });
            int low = lines.lower()[i];
            if (low < 0) {
                row.putNull("lower_setting");
                row.putNull("below_the_line");
            } else {
                row.put("lower_setting", low);
                ObjectNode b = row.putObject("below_the_line");
                b.put("count", lines.below().get(i).size());
                SweepLines.sample(b.putArray("sample"), lines.below().get(i), sample, labels);
            }
        }
    }

    /** The current setting in words and the below-the-line sample of it. */
    static void printLines(PrintWriter o, List<Row> rows, Lines lines, Labels labels, int sample) {
        int c = lines.current();
        o.println();
        if (c < 0) {
            o.printf(Locale.ROOT, "Current setting (in force): %s, not among the settings; run apart: %,d alerted "
                    + "accounts and typologies; gained and lost are against it%n", lines.reference().setting().label(),
                    lines.reference().pairs().size());
            return;
        }
        o.printf(Locale.ROOT, "Current setting (in force): %d, %s; gained and lost: accounts and typologies alerted "
                + "at a setting and not at the current one, and the reverse%n", c + 1, rows.get(c).setting().label());
        int low = lines.lower()[c];
        if (low < 0) {
            o.println("No lower setting was swept: no below-the-line accounts of the current setting");
            return;
        }
        List<SweepLines.Brief> below = lines.below().get(c);
        o.printf(Locale.ROOT, "Below the line of the current setting: %,d accounts and typologies alert at the next lower "
                + "setting %d (%s) and not at the current one%s%n", below.size(), low + 1, rows.get(low).setting().label(),
                below.isEmpty() ? "" : below.size() > sample ? "; the " + sample + " with the highest scores:" : ":");
        for (SweepLines.Brief b : below.subList(0, Math.min(sample, below.size()))) {
            String label = SweepLines.label(labels, b.accountId(), b.typology());
            o.printf(Locale.ROOT, "  %s %s score %s%s%n", b.accountId(), b.typology(), RulesCommand.fmt(b.score()),
                    label == null ? "" : " (" + label + ")");
            b.signals().forEach(sig -> o.printf(Locale.ROOT, "      %s%n", sig));
        }
    }

    /** The exemptions in force and the alerts they kept back at each setting. */
    static void printSuppressed(PrintWriter o, List<Row> rows, Exemptions exemptions, Path file) {
        StringBuilder per = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            per.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(rows.get(i).result().suppressed().suppressions().size());
        }
        o.printf(Locale.ROOT, "%nExemptions %s (%s) in force: alerts they cover are not counted; suppressed per setting: "
                + "%s (per exemption id in sweep.json)%n", exemptions.version(), file, per);
    }

    static void printTable(PrintWriter o, List<Row> rows, int knee, String basis, Lines lines) {
        o.printf(Locale.ROOT, "%-4s %-50s %8s %9s %10s %9s %7s %7s %7s%n", "#", "setting", "alerts", "accounts",
                "alert rate", "precision", "recall", "gained", "lost");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Evaluation.Stats s = r.eval().overall();
            String marks = (i == lines.current() ? "  <- current" : "") + (i == knee ? "  <- knee" : "");
            o.printf(Locale.ROOT, "%-4d %-50s %,8d %,9d %10s %9s %7s %,7d %,7d%s%n", i + 1, r.setting().label(),
                    s.alerts(), s.alertedAccounts(), Evaluation.pct(s.alertRate()), Evaluation.rate(s.precision()),
                    Evaluation.rate(s.recall()), lines.gained().get(i).size(), lines.lost().get(i).size(), marks);
        }
        o.println(knee >= 0 ? "Knee (" + basis + "): setting " + (knee + 1) + ", " + rows.get(knee).setting().label()
                : "No knee (" + basis + " is a straight line, has fewer than 3 settings, or several parameters vary "
                        + "without labels)");
    }
}
