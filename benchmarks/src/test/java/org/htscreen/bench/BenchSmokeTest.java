package org.htscreen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every benchmark step at a tiny size: positive figures and the summary line's exact form. */
class BenchSmokeTest {

    static final String SUMMARY = "e2e_tps=\\d+ raw_tps=\\d+ ratio=\\d+\\.\\d\\d engine_tps=\\d+ "
            + "state_bytes_per_account=\\d+ p99_ms=-?\\d+ backtest_tps=\\d+";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)   // about a minute on an idle 2-core machine
    void everyStepAtATinySize() {
        Path data = dir.resolve("data");
        Path results = dir.resolve("results");
        String res = results.toString();
        run("generate", "--records", "2500", "--data", data.toString());
        run("engine", "--customers", "20", "--warmup", "0", "--iterations", "1", "--seconds", "1", "--fork", "0", "--results", res);
        run("state", "--accounts", "3000", "--customers", "20", "--results", res);
        run("backtest", "--data", data.toString(), "--threads", "1", "--results", res);
        run("e2e", "--data", data.toString(), "--broker", "in_process", "--variants", "AT_LEAST_ONCE:HASHMAP",
                "--checkpoint-interval", "2s", "--latency-warmup", "1s", "--latency-measure", "3s", "--results", res);

        Figures engine = Figures.read(results, EngineThroughput.STEP);
        assertTrue(engine.number("tps") > 0, "engine tps");
        assertTrue(engine.number("alloc_bytes_per_tx") > 0, "allocation per tx");
        Figures state = Figures.read(results, StateSize.STEP);
        assertEquals(3000, state.number("accounts"));
        assertTrue(state.number("serialized_mean") > 0 && state.number("serialized_p99") >= state.number("serialized_p50"));
        assertTrue(state.number("heap_per_account") > 0, "heap per account");
        Figures backtest = Figures.read(results, BacktestSpeed.STEP);
        assertTrue(backtest.number("tps") > 0 && backtest.number("records") > 2000, "backtest");
        Figures e2e = Figures.read(results, EndToEnd.STEP);
        assertEquals(e2e.number("records"), e2e.number("raw_records"));
        assertEquals(e2e.number("records"), e2e.number("alo_hashmap_records"));
        assertTrue(e2e.number("raw_tps") > 0 && e2e.number("e2e_tps") > 0, "e2e rates");
        assertEquals(0, e2e.number("alo_hashmap_dead_letters"));
        assertEquals("alo_hashmap", e2e.get("warmup1_variant"), "one unrecorded warm-up run of the first variant");
        assertTrue(e2e.number("alo_hashmap_cpu_screening_s") > 0, "CPU of the screening task's threads");
        assertTrue(e2e.number("alo_hashmap_cpu_tx_source_s") > 0, "CPU of the transactions source's threads");
        assertTrue(e2e.number("latency_sent") > 0, "latency feed");
        assertTrue(e2e.number("latency_arrival_sent") > 0 && e2e.number("latency_event_time_sent") > 0,
                "a latency run in each screening order");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report report = new Report();
        report.results = results;
        report.profile = "smoke";
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches(SUMMARY), last);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("raw Kafka pipe")), "table row of the raw pipe");
    }

    /** The cost step at tiny sizes: a figure per lever and size, and the history's state stays bounded. */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void costStepAtTinySizes() {
        Path results = dir.resolve("cost");
        run("cost", "--sizes", "100,1000", "--results", results.toString());
        Figures cost = Figures.read(results, CostGrowth.STEP);
        for (String lever : List.of("reference_chars", "group_parties", "profile_accounts", "history_name_chars", "history_entries", "pending_backlog")) {
            assertTrue(cost.number(lever + "_1000_us") >= 0, lever);
        }
        assertTrue(cost.number("history_name_chars_1000_state_bytes") < 600 * 1024,
                "history bounded: " + cost.get("history_name_chars_1000_state_bytes"));
    }

    private static void run(String... args) {
        assertEquals(0, Bench.commandLine().execute(args), "benchmarks " + String.join(" ", args));
    }
}
