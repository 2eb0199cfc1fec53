package org.htscreen.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.ShadowSignal;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.RecordSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtest}: replay files through the engine; alerts, and with labels precision and recall. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay party profiles and transactions from files through the screening engine (the live "
                + "job's engine) in event-time order. Writes the alerts as JSON Lines and a summary (text on stdout, "
                + "--summary FILE, --summary-json FILE); with --labels, precision and recall per typology and rule; "
                + "with --exemptions, the alerts they suppress, separately.",
        footer = {"", "Exit codes: 0 done; 1 done, but input lines were skipped or transactions refused (listed); "
                + "2 usage or input error."})
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    RuleOptions ruleOptions;
    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--alerts"}, paramLabel = "FILE", defaultValue = "alerts.jsonl",
            description = "Alerts as JSON Lines, Avro field names (default ${DEFAULT-VALUE}; .gz compresses).")
    Path alertsFile;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the text summary to FILE.")
    Path summaryFile;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "The summary as JSON: accounts, alerted_accounts, alert_rate, precision, recall, "
                    + "per_typology, per_rule, rule_hits (accounts each rule fired on, shadow rules included).")
    Path summaryJson;

    @Option(names = "--shadow-out", paramLabel = "FILE",
            description = "Write the signals of shadow rules (catalogue 'mode: shadow', never counted in an alert) as "
                    + "JSON Lines of ShadowSignal records: accountId, txId, signal, ruleSetVersion, parameterSetVersion.")
    Path shadowOut;

    @Option(names = "--exemptions", paramLabel = "FILE",
            description = "Exemptions (YAML, docs/examples/exemptions.yaml): alerts they cover are not raised but "
                    + "written to --suppressed and counted per exemption id in the summary.")
    Path exemptionsFile;

    @Option(names = "--suppressed", paramLabel = "FILE", defaultValue = "suppressed.jsonl",
            description = "With --exemptions: the suppressed alerts as JSON Lines, each with the exemption ids "
                    + "(default ${DEFAULT-VALUE}).")
    Path suppressedFile;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engines the accounts are split over, one thread each (default: the number of cores). "
                    + "The alerts do not depend on it.")
    Integer threads;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSet rs = ruleOptions.ruleSet();
        ParameterOverrides overrides = ruleOptions.overrides(rs);
        ErrorPolicy errors = input.errors(err);
        if (input.labels != null && input.dispositions != null) {
            throw new UsageException("--labels and --dispositions cannot be used together");
        }
        Labels labels = input.labels == null ? Labels.none() : Labels.read(input.labels, errors);
        Dispositions dispositions = input.dispositions == null ? null : Dispositions.read(input.dispositions, errors);
        List<Alert> decidedOn = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Exemptions exemptions = exemptionsFile == null ? Exemptions.none() : ExemptionsCommand.load(exemptionsFile, rs);
        Dataset data = input.dataset();
        List<PartyProfile> profiles = data.readProfiles(errors);
        Replay.Result r;
        try (RecordSink<Alert> sink = RecordSink.create(alertsFile, Format.JSONL, Alert.getClassSchema())) {
            java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
            Progress progress = Progress.start(input.progress, System.err, "backtest", "tx", data.transactionBytes(),
                    bytes::get);
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (n < 1) {
                throw new UsageException("--threads must be >= 1");
            }
            java.util.function.Consumer<Alert> write = sink::write;
            if (dispositions != null) {
                write = a -> {
                    sink.write(a);
                    decidedOn.add(a);
                };
            }
            r = Replay.run(new Replay.Settings(rs, overrides, input.lateness, input.sort, n, exemptions), data, profiles, errors,
                    write, progress, bytes);
            progress.finish();
        }
        DispositionReport decided = null;
        if (dispositions != null) {
            decided = DispositionReport.of(dispositions, decidedOn);
            labels = decided.labels();
        }
        if (shadowOut != null) {
            try (RecordSink<ShadowSignal> sink = RecordSink.create(shadowOut, Format.JSONL, ShadowSignal.getClassSchema())) {
                r.shadowSignals().forEach(sink::write);
            }
        }
        Evaluation ev = Evaluation.of(r.alerts(), r.accounts(), labels, rs.catalogue());
        String text = header(r, errors) + "\n" + ev.text() + r.hits().text(rs.catalogue(), labels, decided != null)
                + (decided == null ? "" : "\n" + decided.text())
                + (exemptionsFile == null ? "" : r.suppressed().text(exemptionsFile)) + footer(r, errors, alertsFile)
                + (shadowOut == null ? "" : String.format(Locale.ROOT, "Shadow signals (%,d) written to %s%n",
                        r.shadowSignals().size(), shadowOut))
                + (exemptionsFile == null ? "" : String.format(Locale.ROOT, "Suppressed alerts written to %s%n", suppressedFile));
        if (exemptionsFile != null) {
            r.suppressed().write(suppressedFile);
        }
        out.print(text);
        out.flush();
        if (summaryFile != null) {
            write(summaryFile, text);
        }
        if (summaryJson != null) {
            com.fasterxml.jackson.databind.node.ObjectNode json = ev.json();
            json.set("rule_hits", r.hits().json(rs.catalogue(), labels, decided != null));
            if (decided != null) {
                json.set("dispositions", decided.json());
            }
            if (exemptionsFile != null) {
                json.set("suppressed", r.suppressed().json());
            }
            write(summaryJson, JSON.writeValueAsString(json) + "\n");
        }
        return exit(err, r, errors);
    }

    static String header(Replay.Result r, ErrorPolicy errors) {
        return String.format(Locale.ROOT, "Backtest: %,d transactions, %,d profiles, %,d accounts in %s "
                + "(%s tx/s screening); rule set %s, parameters %s%n", r.transactions(), r.profiles(),
                r.accounts().size(), Progress.duration(r.seconds()),
                Progress.human(r.transactions() / Math.max(1e-9, r.screeningSeconds())), r.ruleSetVersion(),
                r.parameterSetVersion());
    }

    static String footer(Replay.Result r, ErrorPolicy errors, Path alerts) {
        StringBuilder sb = new StringBuilder();
        if (r.late() > 0) {
            sb.append(String.format(Locale.ROOT, "%nNote: %,d transactions arrived later than --lateness and were "
                    + "screened at once, as the live job would (use --sort or a larger --lateness for unsorted files)%n",
                    r.late()));
        }
        if (errors.skipped() > 0) {
            sb.append(String.format(Locale.ROOT, "%nSkipped %,d bad lines (--max-errors %d):%n", errors.skipped(),
                    errors.maxErrors()));
            for (InputError e : errors.listed()) {
                sb.append("  ").append(e).append('\n');
            }
            if (errors.skipped() > errors.listed().size()) {
                sb.append(String.format(Locale.ROOT, "  ... and %,d more%n", errors.skipped() - errors.listed().size()));
            }
        }
        if (alerts != null) {
            sb.append(String.format(Locale.ROOT, "%nAlerts written to %s%n", alerts));
        }
        return sb.toString();
    }

    static int exit(PrintWriter err, Replay.Result r, ErrorPolicy errors) {
        if (errors.skipped() > 0) {
            err.printf(Locale.ROOT, "exit 1: done, but %,d bad input lines were skipped (listed above)%n",
                    errors.skipped());
            return Exit.FINDINGS;
        }
        return Exit.OK;
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
