package org.htscreen.workbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.InputException;
import org.htscreen.workbench.io.RecordSource;

/**
 * Replays files through a {@link ScreeningEngine}, the engine the live job runs, with the live semantics: every
 * profile is upserted first, then the transactions are screened in event-time order (out-of-order input within
 * the lateness is re-ordered by the engine's event-time buffer, exactly as in the job), then the engine is flushed.
 * A reader thread parses the files while the calling thread screens.
 */
public final class Replay {

    /**
     * What to run.
     *
     * @param rules     the rule set
     * @param overrides parameter overrides, or null for the rule set's own (or the defaults)
     * @param lateness  allowed lateness of out-of-order transactions (the job's default: 5 minutes)
     * @param sort      read every transaction into memory and sort by event time first (for unsorted files)
     */
    public record Settings(RuleSet rules, ParameterOverrides overrides, Duration lateness, boolean sort) {
    }

    /**
     * What a run produced.
     *
     * @param transactions        transactions screened
     * @param invalid             transactions the engine refused (listed as bad lines)
     * @param late                transactions later than the lateness (screened at once, as the job does)
     * @param accounts            every account the engine knows at the end (screened or profiled)
     * @param profiles            profiles upserted
     * @param alerts              every alert
     * @param seconds             wall time of the run, compile included
     * @param screeningSeconds    wall time of the screening alone
     * @param ruleSetVersion      rule-set version
     * @param parameterSetVersion parameter-set version
     */
    public record Result(long transactions, long invalid, long late, Set<String> accounts, long profiles,
            List<AlertRow> alerts, double seconds, double screeningSeconds, String ruleSetVersion,
            String parameterSetVersion) {
    }

    private static final int BATCH = 2048;

    private record Batch(List<Transaction> txs, long[] lines, String[] files) {
    }

    private static final Batch END = new Batch(List.of(), new long[0], new String[0]);

    private Replay() {
    }

    /**
     * Runs one backtest.
     *
     * @param profiles party profiles to upsert first (sorted by updatedAt; not changed)
     * @param alertOut receives every alert as it is raised (may be null)
     * @param progress ticked once per transaction screened (may be shared by parallel runs)
     * @param bytesRead set to the bytes of input read so far, for the progress ETA
     */
    public static Result run(Settings settings, Dataset data, List<PartyProfile> profiles, ErrorPolicy errors,
            Consumer<Alert> alertOut, Progress progress, AtomicLong bytesRead) {
        long t0 = System.nanoTime();
        AtomicLong now = new AtomicLong();
        ScreeningEngine.Builder b = ScreeningEngine.builder().rules(settings.rules()).lateness(settings.lateness())
                .clock(now::get);   // an alert's processing time is the replayed event time: reruns are identical
        if (settings.overrides() != null) {
            b.parameters(settings.overrides());
        }
        List<AlertRow> alerts = new ArrayList<>();
        Consumer<Alert> onAlert = a -> {
            alerts.add(AlertRow.of(a));
            if (alertOut != null) {
                alertOut.accept(a);
            }
        };
        try (ScreeningEngine engine = b.build()) {
            for (PartyProfile p : profiles) {
                engine.upsertProfile(PartyProfile.newBuilder(p).build());
            }
            long t1 = System.nanoTime();
            long late = 0;
            long invalid = 0;
            long screened = 0;
            long maxSeen = Long.MIN_VALUE;
            long latenessMs = settings.lateness().toMillis();
            Progress bar = progress;
            Reader reader = new Reader(data, errors, settings.sort(), bytesRead);
            reader.start();
            try {
                while (true) {
                    Batch batch = reader.take();
                    if (batch == END) {
                        break;
                    }
                    List<Transaction> txs = batch.txs();
                    for (int i = 0; i < txs.size(); i++) {
                        Transaction tx = txs.get(i);
                        long t = tx.getEventTime() == null ? maxSeen : tx.getEventTime().toEpochMilli();
                        if (maxSeen != Long.MIN_VALUE && t < maxSeen - latenessMs) {
                            late++;
                        }
                        maxSeen = Math.max(maxSeen, t);
                        now.set(maxSeen);
                        ScreeningResult r;
                        try {
                            r = engine.screen(tx);
                        } catch (InvalidTransactionException e) {
                            invalid++;
                            bar.interrupt();
                            errors.bad(new InputError(batch.files()[i], batch.lines()[i], "-",
                                    "cannot be screened: " + e.getMessage()));
                            continue;
                        }
                        screened++;
                        r.alerts().forEach(onAlert);
                        bar.tick();
                    }
                }
                engine.flush().alerts().forEach(onAlert);
            } catch (RuntimeException e) {
                reader.interrupt();
                bar.interrupt();
                throw e;
            }
            long t2 = System.nanoTime();
            Set<String> accounts = new HashSet<>(engine.accountIds());
            return new Result(screened, invalid, late, accounts, profiles.size(), alerts, (t2 - t0) / 1e9,
                    (t2 - t1) / 1e9, engine.ruleSetVersion(), engine.parameterSetVersion());
        }
    }

    /** Parses the transaction files on its own thread, handing batches over a bounded queue. */
    private static final class Reader extends Thread {
        private final Dataset data;
        private final ErrorPolicy errors;
        private final boolean sort;
        private final AtomicLong bytesRead;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
        private volatile RuntimeException failure;

        Reader(Dataset data, ErrorPolicy errors, boolean sort, AtomicLong bytesRead) {
            super("replay-reader");
            setDaemon(true);
            this.data = data;
            this.errors = errors;
            this.sort = sort;
            this.bytesRead = bytesRead;
        }

        @Override
        public void run() {
            try {
                List<Transaction> all = sort ? new ArrayList<>() : null;
                List<Long> allLines = sort ? new ArrayList<>() : null;
                List<String> allFiles = sort ? new ArrayList<>() : null;
                long done = 0;
                for (Path file : data.transactions()) {
                    try (RecordSource<Transaction> src = data.open(file, errors)) {
                        List<Transaction> txs = new ArrayList<>(BATCH);
                        long[] lines = new long[BATCH];
                        String[] files = new String[BATCH];
                        String name = file.toString();
                        Transaction tx;
                        long n = 0;
                        while ((tx = src.next()) != null) {
                            n++;
                            if (sort) {
                                all.add(tx);
                                allLines.add(n);
                                allFiles.add(name);
                                continue;
                            }
                            lines[txs.size()] = n;
                            files[txs.size()] = name;
                            txs.add(tx);
                            if (txs.size() == BATCH) {
                                bytesRead.set(done + src.bytesRead());
                                queue.put(new Batch(txs, lines, files));
                                txs = new ArrayList<>(BATCH);
                                lines = new long[BATCH];
                                files = new String[BATCH];
                            }
                        }
                        if (!txs.isEmpty()) {
                            queue.put(new Batch(txs, lines, files));
                        }
                        done += src.bytesRead();
                        bytesRead.set(done);
                    }
                }
                if (sort) {
                    Integer[] order = new Integer[all.size()];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                    java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> all.get(i).getEventTime(),
                            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(i -> all.get(i).getTxId()));
                    for (int from = 0; from < order.length; from += BATCH) {
                        int to = Math.min(order.length, from + BATCH);
                        List<Transaction> txs = new ArrayList<>(to - from);
                        long[] lines = new long[to - from];
                        String[] files = new String[to - from];
                        for (int k = from; k < to; k++) {
                            txs.add(all.get(order[k]));
                            lines[k - from] = allLines.get(order[k]);
                            files[k - from] = allFiles.get(order[k]);
                        }
                        queue.put(new Batch(txs, lines, files));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Batch take() {
            try {
                Batch b = queue.take();
                if (b == END && failure != null) {
                    throw failure;
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted");
            }
        }
    }

    /** Every account in a collection of results (for the alert rate). */
    static Set<String> union(Collection<Set<String>> sets) {
        Set<String> all = new HashSet<>();
        sets.forEach(all::addAll);
        return all;
    }
}
