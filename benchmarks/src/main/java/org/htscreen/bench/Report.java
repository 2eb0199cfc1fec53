package org.htscreen.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.job.JobOptions.ScreeningOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the figures of every step as one table, each with its conditions and target, and last the one-line
 * machine-readable summary: {@code e2e_tps=<n> raw_tps=<n> ratio=<r> engine_tps=<n> state_bytes_per_account=<n>
 * p99_ms=<n> backtest_tps=<n>} (state bytes: the serialized mean, the form checkpoints and RocksDB hold).
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Prints the table and the summary line.")
public final class Report implements Callable<Integer> {

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--profile", defaultValue = "short", description = "Profile name, for the title (default ${DEFAULT-VALUE}).")
    String profile;

    @Override
    public Integer call() {
        print(System.out);
        return 0;
    }

    void print(PrintStream out) {
        Figures engine = need(EngineThroughput.STEP);
        Figures state = need(StateSize.STEP);
        Figures backtest = need(BacktestSpeed.STEP);
        Figures e2e = need(EndToEnd.STEP);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"engine, 1 thread (JMH)",
                num(engine, "tps") + " tx/s ±" + num(engine, "tps_error") + "; alloc " + num(engine, "alloc_bytes_per_tx")
                        + " B/tx (" + num(engine, "alloc_mb_per_s") + " MB/s)",
                ">= 250,000 tx/s",
                "sample of " + num(engine, "customers") + " customers, 90 days, replayed after a full 90-day warm-up; "
                        + engine.get("rules") + " rules; warm-up " + engine.get("warmup") + ", measured "
                        + engine.get("measurement") + "; " + machine(engine)});
        rows.add(new String[] {"state per account",
                num(state, "serialized_mean") + " B serialized (p50 " + num(state, "serialized_p50") + ", p99 "
                        + num(state, "serialized_p99") + "); " + num(state, "heap_per_account") + " B heap",
                "<= 1,024 B",
                num(state, "accounts") + " distinct accounts (serialized), " + num(state, "heap_accounts")
                        + " held on the heap; cloned from " + num(state, "real_accounts") + " real states after 90 days ("
                        + state.get("mean_history_entries") + " history entries each, mean); Avro binary; " + machine(state)});
        String common = num(e2e, "records") + " records of " + e2e.get("record_bytes") + " B, " + e2e.get("partitions")
                + " partitions, broker " + e2e.get("broker");
        rows.add(new String[] {"raw Kafka pipe", num(e2e, "raw_tps") + " tx/s", "upper bound",
                common + "; " + e2e.get("raw_threads") + " consumer→producer threads, acks=all; broker CPU "
                        + e2e.get("raw_broker_cpu_s") + " s; " + machine(e2e)});
        List<String> keys = new ArrayList<>();
        for (String suffix : List.of("", EndToEnd.ARRIVAL_SUFFIX)) {
            for (String key : List.of("eo_hashmap", "alo_hashmap", "eo_rocksdb", "alo_rocksdb")) {
                keys.add(key + suffix);
            }
        }
        for (String key : keys) {
            if (e2e.get(key + "_tps") == null) {
                continue;
            }
            boolean eo = key.startsWith("eo");
            boolean arrival = key.endsWith(EndToEnd.ARRIVAL_SUFFIX);
            String backend = (key.contains("rocksdb") ? "RocksDB" : "heap (HASHMAP)") + (arrival ? ", arrival order" : "");
            double ratio = e2e.number(key + "_tps") / e2e.number("raw_tps");
            rows.add(new String[] {"job end to end, " + (eo ? "exactly once" : "at least once") + ", " + backend,
                    num(e2e, key + "_tps") + " tx/s (" + String.format(Locale.ROOT, "%.0f", 100 * ratio) + " % of raw; "
                            + e2e.get(key + "_seconds") + " s)",
                    ">= 50 % of raw, >= 100,000 tx/s",
                    common + "; parallelism " + e2e.get("parallelism") + ", " + backend + ", "
                            + (eo ? "EXACTLY_ONCE" : "AT_LEAST_ONCE") + ", checkpoints every " + e2e.get("checkpoint_interval")
                            + "; " + e2e.get(key + "_alerts") + " alerts; job JVM CPU " + e2e.get(key + "_cpu_s")
                            + " s, broker CPU " + e2e.get(key + "_broker_cpu_s") + " s; load " + e2e.get(key + "_load_average")});
        }
        for (ScreeningOrder order : ScreeningOrder.values()) {
            String k = EndToEnd.latencyKey(order) + "_";
            if (e2e.get(k + "p99_ms") != null) {
                rows.add(new String[] {"event-to-alert latency, at least once, " + order + " order",
                        "p50 " + e2e.get(k + "p50_ms") + " ms, p99 " + e2e.get(k + "p99_ms") + " ms (max "
                                + e2e.get(k + "max_ms") + ", " + e2e.get(k + "samples") + " alerts)",
                        "p99 <= 50 ms at half the max",
                        "fed at " + num(e2e, k + "rate") + " tx/s (achieved " + num(e2e, k + "achieved_tps")
                                + "), heap backend, parallelism " + e2e.get("parallelism") + ", checkpoints every "
                                + e2e.get("checkpoint_interval") + ", buffer timeout " + e2e.get(k + "buffer_timeout")
                                + ", watermarks every " + e2e.get(k + "watermark_interval") + ", out-of-orderness "
                                + e2e.get(k + "out_of_orderness") + ", idleness " + e2e.get(k + "idleness")
                                + ", backlog at end " + e2e.get(k + "backlog") + "; load " + e2e.get(k + "load_average")});
            }
        }
        rows.add(new String[] {"backtest (workbench Replay)", num(backtest, "tps") + " tx/s", "-",
                num(backtest, "records") + " records (same file), " + backtest.get("record_bytes") + " B, "
                        + backtest.get("rules") + " rules, --threads " + backtest.get("threads") + "; " + machine(backtest)});
        for (String[] other : OTHER_BACKTESTS) {
            Figures b = Figures.read(results, other[0]);
            if (b != null) {
                rows.add(new String[] {"backtest, " + other[1], num(b, "tps") + " tx/s (" + b.get("seconds") + " s)", "-",
                        num(b, "records") + " records, " + b.get("record_bytes") + " B, " + num(b, "alerts") + " alerts, "
                                + b.get("rules") + " rules, --threads " + b.get("threads") + "; " + machine(b)});
            }
        }

        out.println();
        out.println("htscreen benchmarks, profile " + profile);
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(10);
        int w2 = rows.stream().mapToInt(r -> r[2].length()).max().orElse(10);
        String fmt = "%-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %s%n";
        out.printf(Locale.ROOT, fmt, "figure", "measured", "target", "conditions");
        out.println("-".repeat(w0 + w1 + w2 + 24));
        for (String[] r : rows) {
            out.printf(Locale.ROOT, fmt, (Object[]) r);
        }
        out.println();
        out.println(summary(engine, state, backtest, e2e));
    }

    /** The machine-readable summary line. */
    static String summary(Figures engine, Figures state, Figures backtest, Figures e2e) {
        return String.format(Locale.ROOT,
                "e2e_tps=%d raw_tps=%d ratio=%.2f engine_tps=%d state_bytes_per_account=%d p99_ms=%d backtest_tps=%d",
                Math.round(e2e.number("e2e_tps")), Math.round(e2e.number("raw_tps")),
                e2e.number("e2e_tps") / e2e.number("raw_tps"), Math.round(engine.number("tps")),
                Math.round(state.number("serialized_mean")),
                e2e.get("latency_p99_ms") == null ? -1 : Math.round(e2e.number("latency_p99_ms")),
                Math.round(backtest.number("tps")));
    }

    /** The backtests of other data sets that run.sh adds (figures name, what it is), shown when present. */
    static final String[][] OTHER_BACKTESTS = {
            {"backtest_bank", "generated bank (BANK population)"},
            {"backtest_transfers", "transfers only (TRANSFER_ONLY population)"}};

    private Figures need(String step) {
        Figures f = Figures.read(results, step);
        if (f == null) {
            throw new IllegalStateException("no results of step '" + step + "' in " + results);
        }
        return f;
    }

    private static String num(Figures f, String key) {
        String v = f.get(key);
        if (v == null) {
            return "n/a";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Math.round(Double.parseDouble(v)));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String machine(Figures f) {
        return f.get(Conditions.CORES) + " cores, " + f.get(Conditions.JVM) + ", heap " + f.get(Conditions.HEAP)
                + ", load " + f.get(Conditions.LOAD);
    }
}
