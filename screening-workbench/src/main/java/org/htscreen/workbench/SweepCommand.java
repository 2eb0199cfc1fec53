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
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sweep}: above-the-line / below-the-line testing over parameter ranges. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary one or more parameters over ranges (every combination), run the backtest for each "
                + "setting, and report alerts, precision and recall per setting with the knee marked. Writes "
                + "sweep.csv, sweep.json and a self-contained sweep.html with charts to --out.",
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

    @Option(names = "--max-settings", paramLabel = "N", defaultValue = "200",
            description = "Refuse sweeps with more settings than this (default ${DEFAULT-VALUE}).")
    int maxSettings;

    /** One row of the results. */
    record Row(Sweep.Setting setting, Evaluation eval, Replay.Result result) {
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
            List<Callable<Row>> tasks = new ArrayList<>();
            for (int i = 0; i < settings.size(); i++) {
                int k = i;
                tasks.add(() -> {
                    Replay.Result r = Replay.run(new Replay.Settings(rs, overrides.get(k), input.lateness, input.sort),
                            in.data, in.profiles, k == 0 ? in.errors : in.runErrors(), null, progress, read.get(k));
                    read.get(k).set(bytes);
                    return new Row(settings.get(k), Evaluation.of(r.alerts(), r.accounts(), in.labels, rs.catalogue()), r);
                });
            }
            rows = PreparedInput.parallel(tasks, n);
            progress.finish();
            positives = in.labels.isEmpty() ? 0 : in.labels.positives();
            int knee = knee(rows, axes);
            String basis = rows.get(0).eval().labelled() ? "recall against alerts"
                    : "alerts against " + (axes.size() == 1 ? axes.get(0).key() : "setting");
            writeCsv(out.resolve("sweep.csv"), rows, axes, knee);
            ObjectNode json = json(rows, axes, knee, basis, rs, positives);
            BacktestCommand.write(out.resolve("sweep.json"), BacktestCommand.JSON.writeValueAsString(json) + "\n");
            BacktestCommand.write(out.resolve("sweep.html"), html(json));
            printTable(o, rows, knee, basis);
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

    static void writeCsv(Path file, List<Row> rows, List<Sweep.Axis> axes, int knee) {
        StringBuilder sb = new StringBuilder("setting");
        axes.forEach(a -> sb.append(',').append(a.key()));
        sb.append(",alerts,alerted_accounts,accounts,alert_rate,precision,recall,f1,knee\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Evaluation.Stats s = r.eval().overall();
            sb.append(i + 1);
            for (Sweep.Axis a : axes) {
                sb.append(',').append(RulesCommand.fmt(r.setting().values().get(a.key())));
            }
            sb.append(String.format(Locale.ROOT, ",%d,%d,%d,%s,%s,%s,%s,%s%n", s.alerts(), s.alertedAccounts(),
                    s.accounts(), num(s.alertRate()), s.precision() == null ? "" : num(s.precision()),
                    s.recall() == null ? "" : num(s.recall()), r.eval().labelled() ? num(r.f1()) : "",
                    i == knee ? "yes" : ""));
        }
        BacktestCommand.write(file, sb.toString());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static ObjectNode json(List<Row> rows, List<Sweep.Axis> axes, int knee, String basis, RuleSet rs,
            long positives) {
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

    static void printTable(PrintWriter o, List<Row> rows, int knee, String basis) {
        o.printf(Locale.ROOT, "%-4s %-50s %8s %9s %10s %9s %7s%n", "#", "setting", "alerts", "accounts", "alert rate",
                "precision", "recall");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Evaluation.Stats s = r.eval().overall();
            o.printf(Locale.ROOT, "%-4d %-50s %,8d %,9d %10s %9s %7s%s%n", i + 1, r.setting().label(), s.alerts(),
                    s.alertedAccounts(), Evaluation.pct(s.alertRate()), Evaluation.rate(s.precision()),
                    Evaluation.rate(s.recall()), i == knee ? "  <- knee" : "");
        }
        o.println(knee >= 0 ? "Knee (" + basis + "): setting " + (knee + 1) + ", " + rows.get(knee).setting().label()
                : "No knee (" + basis + " is a straight line, has fewer than 3 settings, or several parameters vary "
                        + "without labels)");
    }
}
