package org.htscreen.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.htscreen.samples.Population;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the workload files ({@link Workload}) unless they exist. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generates the workload (Avro files) with the workbench.")
public final class GenerateStep implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "200000", description = "About this many transactions (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--data", defaultValue = "bench-data", description = "Directory of the workload (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--population", defaultValue = "CLASSIC",
            description = "The generator's population: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Population population;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        new Workload(data).generate(records, population);
        Bench.say("generate: %s in %.0f s", data, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
