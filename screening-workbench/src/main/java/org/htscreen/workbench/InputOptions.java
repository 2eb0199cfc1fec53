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
