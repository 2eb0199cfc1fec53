package org.htscreen.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.htscreen.core.features.WindowFolds;
import org.htscreen.core.rules.RuleGates;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link EngineBenchmark} under JMH (one fork, one thread, with JMH's GC profiler) and records transactions
 * per second and bytes allocated per transaction.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Engine throughput on one thread (JMH).")
public final class EngineThroughput implements Callable<Integer> {

    public static final String STEP = "engine";

    @Option(names = "--customers", defaultValue = "1000", description = "Customers of the sample (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up iterations (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "3", description = "Measured iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per iteration (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--heap", defaultValue = "2g", description = "Heap of the benchmark JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--fork", defaultValue = "1", description = "JMH forks; 0 runs in this JVM (tests) (default ${DEFAULT-VALUE}).")
    int fork;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws Exception {
        Figures f = measure();
        f.write(results);
        Bench.say("engine: %s tx/s on one thread, %s B allocated per tx", f.get("tps"), f.get("alloc_bytes_per_tx"));
        return 0;
    }

    /** The rule gates (ADR 0022) of this JVM, passed on to the fork: on unless -Dhtscreen.rule_gates=off. */
    private static String gates() {
        return System.getProperty(RuleGates.SWITCH_PROPERTY, "on");
    }

    /** The window folds (ADR 0020) of this JVM, passed on to the fork: on unless -Dhtscreen.incremental_features=off. */
    private static String folds() {
        return System.getProperty(WindowFolds.PROPERTY, "on");
    }

    Figures measure() throws Exception {
        Options opts = new OptionsBuilder()
                .include(EngineBenchmark.class.getName() + ".screen")
                .param("customers", String.valueOf(customers))
                .forks(fork)
                .threads(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms" + heap, "-Xmx" + heap, "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.htscreen.avro",
                        "-D" + RuleGates.SWITCH_PROPERTY + "=" + gates(), "-D" + WindowFolds.PROPERTY + "=" + folds())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(opts).run();
        RunResult run = runs.iterator().next();
        Result<?> primary = run.getPrimaryResult();
        Figures f = new Figures(STEP).withMachine();
        f.put("heap", heap);
        f.put("customers", customers);
        f.put("rules", org.htscreen.core.rules.RuleSet.bundled().catalogue().rules().size());
        f.put("threads", 1);
        f.put("rule_gates", gates());
        f.put("incremental_features", folds());
        f.put("warmup", warmup + " x " + seconds + " s");
        f.put("measurement", iterations + " x " + seconds + " s");
        f.put("tps", Math.round(primary.getScore()));
        f.put("tps_error", Math.round(primary.getScoreError()));
        Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
        Result<?> rate = run.getSecondaryResults().get("gc.alloc.rate");
        f.put("alloc_bytes_per_tx", norm == null ? -1 : Math.round(norm.getScore()));
        f.put("alloc_mb_per_s", rate == null ? -1 : Math.round(rate.getScore()));
        return f;
    }
}
