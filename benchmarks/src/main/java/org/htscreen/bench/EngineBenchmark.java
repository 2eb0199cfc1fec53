package org.htscreen.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine on one thread, full bundled rule set, default parameters: one operation screens one transaction of
 * the generator's realistic mix ({@code customers} benign customers with one of each trafficking scenario per
 * 1,000, 90 days) through {@link ScreeningEngine}.
 *
 * <p>Steady state only: the trial set-up upserts the profiles and screens the whole 90 days once (untimed), so
 * every account has its history; the measured operations then replay the same traffic as later rounds, each
 * shifted by 90 days with fresh transaction ids, in event-time order. Histories stay at their steady size (old
 * entries leave the 90-day window as new ones come). Starting the next round renames and re-times the
 * transactions in place: two small objects per transaction, amortised over the round (about 50 bytes per op in
 * the allocation figure).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    @Param("1000")
    public int customers;

    private ScreeningEngine engine;
    private Transaction[] txs;
    private String[] ids;
    private Instant[] times;
    private Duration span;
    private int cursor;
    private int round;

    @Setup(Level.Trial)
    public void setUp() {
        SampleConfig config = sample(customers);
        Sample sample = SampleTraffic.generate(config);
        span = Duration.ofDays(config.days());
        engine = ScreeningEngine.builder().build();
        for (PartyProfile p : sample.profiles()) {
            engine.upsertProfile(p);
        }
        List<Transaction> valid = new ArrayList<>(sample.transactions().size());
        for (Transaction t : sample.transactions()) {
            try {
                engine.screen(t);
                valid.add(t);
            } catch (InvalidTransactionException e) {
                // not part of the measured mix
            }
        }
        txs = valid.toArray(Transaction[]::new);
        ids = valid.stream().map(Transaction::getTxId).toArray(String[]::new);
        times = valid.stream().map(Transaction::getEventTime).toArray(Instant[]::new);
        round = 0;
        nextRound();
    }

    /** The generator's config for a population of this size (as {@link Workload} generates it). */
    static SampleConfig sample(int customers) {
        int scenarios = Math.max(1, customers / Workload.CUSTOMERS_PER_SCENARIO);
        return SampleConfig.small().withSeed(Workload.SEED).withDays(Workload.DAYS).withBenignCustomers(customers)
                .withScenarios(scenarios, scenarios, scenarios, scenarios, scenarios);
    }

    private void nextRound() {
        round++;
        Duration shift = span.multipliedBy(round);
        String suffix = "-r" + round;
        for (int i = 0; i < txs.length; i++) {
            txs[i].setTxId(ids[i] + suffix);
            txs[i].setEventTime(times[i].plus(shift));
        }
        cursor = 0;
    }

    @Benchmark
    public ScreeningResult screen() {
        if (cursor == txs.length) {
            nextRound();
        }
        return engine.screen(txs[cursor++]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
