package org.htscreen.workbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import picocli.CommandLine.Option;

/** The input of a backtest, sweep or diff: files, format, labels, error handling, ordering, progress. */
public final class InputOptions {

    @Option(names = {"-t", "--transactions"}, paramLabel = "FILE", required = true, arity = "1..*",
            description = "Transaction files (.avro, .jsonl, .csv; .gz for the text formats), read in the order given.")
    List<Path> transactions;

    @Option(names = {"-p", "--profiles"}, paramLabel = "FILE", arity = "1..*",
            description = "Party-profile files; every profile is upserted before the first transaction.")
    List<Path> profiles;

    @Option(names = {"-l", "--labels"}, paramLabel = "FILE",
            description = "Labels CSV account_id,label[,typology,role]: adds precision and recall.")
    Path labels;

    @Option(names = "--dispositions", paramLabel = "FILE",
            description = "Analysts' decisions instead of --labels: CSV with a header or JSON Lines; alert_id and/or "
                    + "account_id, decision (TRUE_POSITIVE, REPORTED: positive; FALSE_POSITIVE: negative; ESCALATED: "
                    + "undecided), reason, analyst, time. backtest also reports each rule's precision on them.")
    Path dispositions;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of every input file: ${COMPLETION-CANDIDATES} (default: told from each file name).")
    Format format;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "0",
            description = "Skip up to N bad lines (reported with file, line, field and reason, counted and listed); "
                    + "the next one stops the run. Default ${DEFAULT-VALUE}: stop at the first.")
    long maxErrors;

    @Option(names = "--lateness", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How late a transaction may arrive and still be screened in event-time order, as in the "
                    + "live job (default ${DEFAULT-VALUE}).")
    Duration lateness;

    @Option(names = "--sort", description = "Sort all transactions by event time in memory first (for unsorted files).")
    boolean sort;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress on stderr: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: a bar on a "
                    + "terminal, plain lines otherwise).")
    Progress.Mode progress;

    /**
     * The labels known before a run: the labels file, or the dispositions matched by account (alert ids depend on
     * the parameters, so a decision naming only an alert id is a bad line here).
     */
    Labels labelsBeforeRun(ErrorPolicy errors) {
        if (labels != null && dispositions != null) {
            throw new UsageException("--labels and --dispositions cannot be used together");
        }
        if (dispositions == null) {
            return labels == null ? Labels.none() : Labels.read(labels, errors);
        }
        java.util.List<Dispositions.Disposition> unresolved = new java.util.ArrayList<>();
        Labels l = Dispositions.read(dispositions, errors).labels(java.util.List.of(), unresolved);
        for (Dispositions.Disposition d : unresolved) {
            int colon = d.where().lastIndexOf(':');
            errors.bad(new org.htscreen.workbench.io.InputError(d.where().substring(0, colon),
                    Long.parseLong(d.where().substring(colon + 1)), "account_id", "needed here: alert "
                    + d.alertId() + " cannot be matched, as alert ids change with the parameters"));
        }
        return l;
    }

    Dataset dataset() {
        return new Dataset(transactions, profiles, format);
    }

    ErrorPolicy errors(java.io.PrintWriter err) {
        if (maxErrors < 0) {
            throw new UsageException("--max-errors must be >= 0");
        }
        return new ErrorPolicy(maxErrors, e -> {
            err.println("skipped " + e);
            err.flush();
        });
    }
}
