package org.htscreen.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.features.WindowFolds;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The engine's CPU time per transaction with and without rule gates (ADR 0022), and with gates but without window
 * folds (ADR 0020: every feature group rescans its window), in one JVM on one thread, rounds interleaved (the order
 * reversed every other round): the engines get the same transactions, the same JIT and the same host load. CPU time of the screening thread, not throughput, so that other processes on a shared host
 * change the figures less (they still share caches and cores).
 */
@Command(name = "engine-cpu", mixinStandardHelpOptions = true,
        description = "Engine CPU time per transaction: rule gates off, on, and on with window folds off, interleaved in one JVM.")
public final class EngineCpu implements Callable<Integer> {

    public static final String STEP = "engine_cpu";
    /** Gates on, window folds off (ADR 0020): every feature group rescans its window as before. */
    static final String RESCAN = "gates_on_rescan";

    @Option(names = "--customers", defaultValue = "300", description = "Benign customers of the sample (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rounds", defaultValue = "4", description = "Measured 90-day rounds per variant, after one warm-up round (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SampleConfig config = EngineBenchmark.sample(customers);
        Sample sample = SampleTraffic.generate(config);
        CompiledRules gated = CompiledRules.compile(RuleSet.bundled());
        Map<String, CompiledRules> variants = new LinkedHashMap<>();
        variants.put("gates_off", gated.everyTransactionEvaluated());
        variants.put("gates_on", gated);
        variants.put(RESCAN, gated);
        Map<String, ScreeningEngine> engines = new LinkedHashMap<>();
        Map<String, SimpleMeterRegistry> registries = new LinkedHashMap<>();
        Map<String, List<Double>> cpuPerTx = new LinkedHashMap<>();
        variants.forEach((name, rules) -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ScreeningEngine e = ScreeningEngine.builder().compiledRules(rules).meterRegistry(registry).build();
            sample.profiles().forEach(e::upsertProfile);
            engines.put(name, e);
            registries.put(name, registry);
            cpuPerTx.put(name, new ArrayList<>());
        });
        Transaction[] txs = sample.transactions().toArray(Transaction[]::new);
        String[] ids = Arrays.stream(txs).map(Transaction::getTxId).toArray(String[]::new);
        Instant[] times = Arrays.stream(txs).map(Transaction::getEventTime).toArray(Instant[]::new);
        Duration span = Duration.ofDays(config.days());
        String load0 = Conditions.load();
        List<String> names = new ArrayList<>(engines.keySet());
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < txs.length; i++) {
                txs[i].setTxId(ids[i] + "-r" + round);
                txs[i].setEventTime(times[i].plus(span.multipliedBy(round)));
            }
            List<String> order = new ArrayList<>(names);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String name : order) {
                ScreeningEngine e = engines.get(name);
                WindowFolds.enabled(!name.equals(RESCAN));
                long cpu0 = threads.getCurrentThreadCpuTime();
                int screened = 0;
                for (Transaction t : txs) {
                    try {
                        e.screen(t);
                        screened++;
                    } catch (InvalidTransactionException ex) {
                        // not part of the measured mix
                    }
                }
                double us = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / screened;
                if (round > 0) {
                    cpuPerTx.get(name).add(us);
                }
                Bench.say("engine-cpu: round %d %s: %.1f us CPU per transaction (%d transactions; load %s)", round,
                        name, us, screened, Conditions.load());
            }
        }
        Figures f = new Figures(STEP).withMachine();
        f.put("customers", customers);
        f.put("transactions_per_round", txs.length);
        f.put("rounds", rounds + " measured after 1 warm-up, interleaved");
        f.put("load_average_start", load0);
        f.put("load_average_end", Conditions.load());
        for (String name : names) {
            List<Double> v = new ArrayList<>(cpuPerTx.get(name));
            v.sort(null);
            double median = v.isEmpty() ? 0 : v.get(v.size() / 2);
            f.put(name + "_cpu_us_per_tx_median", String.format(java.util.Locale.ROOT, "%.1f", median));
            f.put(name + "_cpu_us_per_tx_rounds", v.stream()
                    .map(x -> String.format(java.util.Locale.ROOT, "%.1f", x)).toList().toString());
            SimpleMeterRegistry r = registries.get(name);
            f.put(name + "_gated_out_share", String.format(java.util.Locale.ROOT, "%.3f",
                    r.counter(ScreeningMetrics.GATED_OUT).count() / r.counter(ScreeningMetrics.SCREENED).count()));
            engines.get(name).close();
        }
        f.write(results);
        WindowFolds.enabled(true);
        Bench.say("engine-cpu: median CPU per transaction: gates off %s us, gates on %s us, gates on with rescanned "
                + "windows %s us (gated out %s of sides)", f.get("gates_off_cpu_us_per_tx_median"),
                f.get("gates_on_cpu_us_per_tx_median"), f.get(RESCAN + "_cpu_us_per_tx_median"),
                f.get("gates_on_gated_out_share"));
        return 0;
    }
}
