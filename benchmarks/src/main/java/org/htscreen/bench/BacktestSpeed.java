package org.htscreen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.Dataset;
import org.htscreen.workbench.Progress;
import org.htscreen.workbench.Replay;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Backtest throughput on the workload file: the workbench's {@link Replay} (what {@code bin/screening backtest}
 * runs) with {@code --threads} engines, the job's lateness (5 minutes). The rate is transactions over the
 * screening time, rule compilation excluded.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, description = "Backtest throughput on the workload file.")
public final class BacktestSpeed implements Callable<Integer> {

    public static final String STEP = "backtest";

    @Option(names = "--data", defaultValue = "bench-data", description = "Directory of the workload (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--threads", defaultValue = "2", description = "Engines (threads) (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--name", defaultValue = STEP,
            description = "Name of the figures, e.g. backtest_bank for another data set (default ${DEFAULT-VALUE}).")
    String name = STEP;

    @Override
    public Integer call() throws Exception {
        Figures f = measure();
        f.write(results);
        Bench.say("%s: %s tx/s with %d threads (%s records, %s alerts)", name, f.get("tps"), threads, f.get("records"),
                f.get("alerts"));
        return 0;
    }

    Figures measure() throws Exception {
        Workload w = new Workload(data);
        RuleSet rules = RuleSet.bundled();
        Dataset dataset = new Dataset(List.of(w.transactions()), List.of(w.profiles()), Format.AVRO);
        List<PartyProfile> profiles = dataset.readProfiles(ErrorPolicy.strict());
        Replay.Result r = Replay.run(new Replay.Settings(rules, null, Duration.ofMinutes(5), false, threads),
                dataset, profiles, ErrorPolicy.strict(), null, Progress.none(), new AtomicLong());
        Figures f = new Figures(name).withMachine();
        f.put("records", r.transactions());
        f.put("record_bytes", recordBytes(w));
        f.put("rules", rules.catalogue().rules().size());
        f.put("threads", threads);
        f.put("alerts", r.alerts().size());
        f.put("late", r.late());
        Files.createDirectories(results);
        Files.write(results.resolve("alerts-" + name + ".txt"),
                r.alerts().stream().map(org.htscreen.workbench.AlertRow::key).sorted().toList());
        f.put("seconds", r.screeningSeconds());
        f.put("tps", Math.round(r.transactions() / r.screeningSeconds()));
        return f;
    }

    /** Mean Avro binary size of a transaction record (the Kafka value size), from the file. */
    static long recordBytes(Workload w) throws Exception {
        long[] n = new long[2];
        try (DataFileReader<Transaction> r = new DataFileReader<>(w.transactions().toFile(), new SpecificDatumReader<>(Transaction.class))) {
            while (r.hasNext() && n[0] < 100_000) {
                n[1] += org.htscreen.core.AvroBinary.encode(r.next()).length;
                n[0]++;
            }
        }
        return n[0] == 0 ? 0 : Math.round((double) n[1] / n[0]);
    }
}
