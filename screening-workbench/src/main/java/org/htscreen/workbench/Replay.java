package org.htscreen.workbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ShadowSignal;
import org.htscreen.avro.Signal;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountOutcome;
import org.htscreen.core.InputProblem;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.Suppression;
import org.htscreen.core.ScreeningResult;
import org.htscreen.core.TransactionValidator;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.InputException;
import org.htscreen.workbench.io.RecordSource;

/**
 * Replays files through {@link ScreeningEngine}, the engine the live job runs, with the live semantics: every
 * profile is upserted first, then the transactions are screened in event-time order (out-of-order input within
 * the lateness is re-ordered by the engine's event-time buffer, exactly as in the job), then the engine is flushed.
 *
 * <p>A reader thread parses the files. With {@code partitions > 1} the accounts are split by hash over that many
 * engines on their own threads, as the job keys its state by account: every engine gets every profile and the
 * transactions that touch one of its accounts (a transfer between two partitions goes to both), and keeps only the
 * outcomes of its own accounts. An account's state therefore sees exactly the transactions it would see in one
 * engine, in the same order: the alerts are the same (only an alert's processing time, the replayed event time
 * at which the engine released it, may differ).
 */
public final class Replay {

    /**
     * What to run.
     *
     * @param rules      the rule set
     * @param overrides  parameter overrides, or null for the rule set's own (or the defaults)
     * @param lateness   allowed lateness of out-of-order transactions (the job's default: 5 minutes)
     * @param sort       read every transaction into memory and sort by event time first (for unsorted files)
     * @param partitions engines (threads) the accounts are split over
     */
    public record Settings(RuleSet rules, ParameterOverrides overrides, Duration lateness, boolean sort,
            int partitions, Exemptions exemptions) {
        public Settings(RuleSet rules, ParameterOverrides overrides, Duration lateness, boolean sort) {
            this(rules, overrides, lateness, sort, 1);
        }

        public Settings(RuleSet rules, ParameterOverrides overrides, Duration lateness, boolean sort, int partitions) {
            this(rules, overrides, lateness, sort, partitions, Exemptions.none());
        }
    }

    /**
     * What a run produced.
     *
     * @param transactions        transactions screened
     * @param invalid             transactions the engine refused (listed as bad lines)
     * @param late                transactions later than the lateness (screened at once, as the job does)
     * @param accounts            every account the engine knows at the end (screened or profiled)
     * @param profiles            profiles upserted
     * @param alerts              every alert, ordered by event time, account, typology
     * @param seconds             wall time of the run, compile included
     * @param screeningSeconds    wall time of the screening alone
     * @param ruleSetVersion      rule-set version
     * @param parameterSetVersion parameter-set version
     * @param hits                accounts each rule fired on, live and shadow rules
     * @param shadowSignals       every signal of a shadow rule, ordered by event time, account, rule
     * @param suppressed          alerts that exemptions kept back, and exemptions found expired (ADR 0017)
     */
    public record Result(long transactions, long invalid, long late, Set<String> accounts, long profiles,
            List<AlertRow> alerts, double seconds, double screeningSeconds, String ruleSetVersion,
            String parameterSetVersion, RuleHits hits, List<ShadowSignal> shadowSignals, SuppressionReport suppressed) {
    }

    /** Shadow signals in a stable order, whatever the partitioning. */
    static final Comparator<ShadowSignal> SHADOW_ORDER = Comparator
            .comparing((ShadowSignal s) -> s.getSignal().getEventTime()).thenComparing(ShadowSignal::getAccountId)
            .thenComparing(s -> s.getSignal().getRuleId()).thenComparing(ShadowSignal::getTxId);

    /** Alerts in a stable order, whatever the partitioning. */
    static final Comparator<Alert> ALERT_ORDER = Comparator.comparing(Alert::getEventTime)
            .thenComparing(Alert::getAccountId).thenComparing(a -> a.getTypology().ordinal())
            .thenComparing(Alert::getAlertId);

    private static final int BATCH = 1024;

    /** Transactions for one engine; {@code primary} marks the copy that reports a refused transaction. */
    private record Batch(List<Transaction> txs, long[] lines, String[] files, boolean[] primary, long[] now) {
        static Batch create() {
            return new Batch(new ArrayList<>(BATCH), new long[BATCH], new String[BATCH], new boolean[BATCH],
                    new long[BATCH]);
        }

        boolean full() {
            return txs.size() == BATCH;
        }

        void add(Transaction tx, long line, String file, boolean first, long now) {
            int i = txs.size();
            lines[i] = line;
            files[i] = file;
            primary[i] = first;
            this.now[i] = now;
            txs.add(tx);
        }
    }

    /** The last rule set compiled and its compilation: a sweep's settings share one rule set. */
    private static Map.Entry<RuleSet, CompiledRules> lastCompiled;

    /** Compiles a rule set once for all engines of a run, and again only when the next run brings another one. */
    static synchronized CompiledRules compiled(RuleSet rules) {
        if (lastCompiled == null || lastCompiled.getKey() != rules) {
            lastCompiled = Map.entry(rules, CompiledRules.compile(rules));
        }
        return lastCompiled.getValue();
    }

    private static final Batch END = new Batch(List.of(), new long[0], new String[0], new boolean[0], new long[0]);

    private Replay() {
    }

    /**
     * Runs one backtest.
     *
     * @param profiles  party profiles to upsert first (sorted by updatedAt; not changed)
     * @param alertOut  receives every alert at the end, in {@link #ALERT_ORDER} (may be null)
     * @param progress  ticked once per transaction screened (may be shared by parallel runs)
     * @param bytesRead set to the bytes of input read so far, for the progress ETA
     */
    public static Result run(Settings settings, Dataset data, List<PartyProfile> profiles, ErrorPolicy errors,
            Consumer<Alert> alertOut, Progress progress, AtomicLong bytesRead) {
        long t0 = System.nanoTime();
        int n = Math.max(1, settings.partitions());
        CompiledRules compiled = compiled(settings.rules());
        List<Worker> workers = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            workers.add(new Worker(p, n, settings, compiled, profiles, errors, progress));
        }
        if (n == 1) {
            workers.get(0).prepare();
        } else {
            workers.forEach(Thread::start);
        }
        Reader reader = new Reader(data, errors, settings.sort(), bytesRead,
                new TransactionValidator(settings.rules().reference()));
        reader.start();
        long late = 0;
        long maxSeen = Long.MIN_VALUE;
        long latenessMs = settings.lateness().toMillis();
        try {
            Batch[] open = new Batch[n];
            for (int p = 0; p < n; p++) {
                open[p] = Batch.create();
            }
            int[] owners = new int[2];
            while (true) {
                Batch in = reader.take();
                if (in == END) {
                    break;
                }
                for (int i = 0; i < in.txs().size(); i++) {
                    Transaction tx = in.txs().get(i);
                    long t = tx.getEventTime() == null ? maxSeen : tx.getEventTime().toEpochMilli();
                    if (maxSeen != Long.MIN_VALUE && t < maxSeen - latenessMs) {
                        late++;
                    }
                    maxSeen = Math.max(maxSeen, t);
                    int k = 0;
                    if (n == 1) {
                        owners[k++] = 0;
                    } else {
                        for (AccountSide s : AccountSide.of(tx)) {
                            int p = Worker.owner(s.accountId(), n);
                            if (k == 0 || owners[0] != p) {
                                owners[k++] = p;
                            }
                        }
                        if (k == 0) {
                            owners[k++] = 0;   // no side of the bank: partition 0 reports the refusal
                        }
                    }
                    for (int j = 0; j < k; j++) {
                        int p = owners[j];
                        open[p].add(tx, in.lines()[i], in.files()[i], j == 0, maxSeen);
                        if (open[p].full()) {
                            workers.get(p).accept(open[p]);
                            open[p] = Batch.create();
                        }
                    }
                }
            }
            for (int p = 0; p < n; p++) {
                if (!open[p].txs().isEmpty()) {
                    workers.get(p).accept(open[p]);
                }
                workers.get(p).accept(END);
            }
            for (Worker w : workers) {
                w.finish();
            }
        } catch (RuntimeException | Error e) {
            reader.interrupt();
            workers.forEach(Worker::abort);
            progress.interrupt();
            if (e instanceof Error err) {
                throw RunFailure.of("screening", err, "give the JVM more heap (JAVA_OPTS=-Xmx...)");
            }
            throw e;
        }
        long screened = 0;
        long invalid = 0;
        Set<String> accounts = new HashSet<>();
        List<Alert> all = new ArrayList<>();
        RuleHits hits = new RuleHits();
        List<ShadowSignal> shadow = new ArrayList<>();
        SuppressionReport suppressed = new SuppressionReport(settings.exemptions());
        double screening = 0;
        for (Worker w : workers) {
            suppressed.addAll(w.suppressions, w.expired);
            screened += w.screened;
            invalid += w.invalid;
            accounts.addAll(w.accounts);
            all.addAll(w.alerts);
            hits.addAll(w.hits);
            shadow.addAll(w.shadow);
            screening = Math.max(screening, w.screeningSeconds);
        }
        shadow.sort(SHADOW_ORDER);
        all.sort(ALERT_ORDER);
        List<AlertRow> rows = new ArrayList<>(all.size());
        for (Alert a : all) {
            rows.add(AlertRow.of(a));
            if (alertOut != null) {
                alertOut.accept(a);
            }
        }
        Worker w0 = workers.get(0);
        return new Result(screened, invalid, late, accounts, profiles.size(), rows, (System.nanoTime() - t0) / 1e9,
                screening, w0.ruleSetVersion, w0.parameterSetVersion, hits, shadow, suppressed.sorted());
    }

    /** One engine and the accounts it owns. */
    private static final class Worker extends Thread {
        private final int index;
        private final int partitions;
        private final Settings settings;
        private final CompiledRules compiled;
        private final List<PartyProfile> profiles;
        private final ErrorPolicy errors;
        private final Progress progress;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
        private final AtomicLong now = new AtomicLong();
        private final List<Alert> alerts = new ArrayList<>();
        private final RuleHits hits = new RuleHits();
        private final List<ShadowSignal> shadow = new ArrayList<>();
        private final List<Suppression> suppressions = new ArrayList<>();
        private final List<SuppressionReport.Expired> expired = new ArrayList<>();
        private Set<String> accounts = Set.of();
        private long screened;
        private long invalid;
        private double screeningSeconds;
        private String ruleSetVersion;
        private String parameterSetVersion;
        private ScreeningEngine engine;
        private volatile RuntimeException failure;
        private volatile boolean aborted;

        Worker(int index, int partitions, Settings settings, CompiledRules compiled, List<PartyProfile> profiles,
                ErrorPolicy errors, Progress progress) {
            super("replay-engine-" + index);
            setDaemon(true);
            this.index = index;
            this.partitions = partitions;
            this.settings = settings;
            this.compiled = compiled;
            this.profiles = profiles;
            this.errors = errors;
            this.progress = progress;
        }

        static int owner(String accountId, int partitions) {
            return Math.floorMod(accountId.hashCode() * 0x9E3779B9, partitions);
        }

        /** Builds the engine and upserts every profile. */
        void prepare() {
            ScreeningEngine.Builder b = ScreeningEngine.builder().compiledRules(compiled)
                    .lateness(settings.lateness())
                    .clock(now::get);   // an alert's processing time is the replayed event time: reruns are identical
            if (settings.overrides() != null) {
                b.parameters(settings.overrides());
            }
            // a copy per engine: each reports the expiries of the accounts it owns
            b.exemptions(new Exemptions(settings.exemptions().version(), settings.exemptions().all()));
            engine = b.build();
            for (PartyProfile p : profiles) {
                engine.upsertProfile(PartyProfile.newBuilder(p).build());
            }
            ruleSetVersion = engine.ruleSetVersion();
            parameterSetVersion = engine.parameterSetVersion();
        }

        /** Hands a batch over (on one thread: screens it at once). */
        void accept(Batch b) {
            if (partitions == 1) {
                if (b != END) {
                    screen(b);
                }
                return;
            }
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (failure != null) {
                        throw failure;
                    }
                    if (!isAlive()) {
                        throw new IllegalStateException(getName() + " stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted");
            }
        }

        @Override
        public void run() {
            try {
                prepare();
                while (!aborted) {
                    Batch b = queue.take();
                    if (b == END) {
                        break;
                    }
                    screen(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            } catch (Throwable e) {   // an Error ends the run at once instead of leaving the main thread waiting
                failure = RunFailure.of("screening on " + getName(), e, "give the JVM more heap (JAVA_OPTS=-Xmx...)");
                queue.clear();
            }
        }

        private long started;

        private void screen(Batch b) {
            if (started == 0) {
                started = System.nanoTime();
            }
            List<Transaction> txs = b.txs();
            for (int i = 0; i < txs.size(); i++) {
                now.set(b.now()[i]);
                ScreeningResult r;
                try {
                    r = engine.screen(txs.get(i));
                } catch (InvalidTransactionException e) {
                    if (b.primary()[i]) {
                        invalid++;
                        errors.bad(new InputError(b.files()[i], b.lines()[i], "-", "cannot be screened: " + e.getMessage()));
                    }
                    continue;
                }
                if (b.primary()[i]) {
                    screened++;
                    progress.tick();
                }
                collect(r);
            }
        }

        private void collect(ScreeningResult r) {
            for (AccountOutcome o : r.outcomes()) {
                if (o.signals().isEmpty() && o.shadowSignals().isEmpty() && o.expired().isEmpty()
                        || partitions > 1 && owner(o.accountId(), partitions) != index) {
                    continue;
                }
                alerts.addAll(o.alerts());
                for (Signal s : o.signals()) {
                    hits.add(s.getRuleId(), o.accountId());
                }
                for (Signal s : o.shadowSignals()) {
                    hits.add(s.getRuleId(), o.accountId());
                    shadow.add(ShadowSignal.newBuilder().setAccountId(o.accountId()).setTxId(o.txId()).setSignal(s)
                            .setRuleSetVersion(ruleSetVersion).setParameterSetVersion(parameterSetVersion).build());
                }
                suppressions.addAll(o.suppressions());
                o.expired().forEach(e -> expired.add(new SuppressionReport.Expired(e, o.txId())));
            }
        }

        /** Waits for the worker, flushes its engine and closes it. */
        void finish() {
            if (partitions > 1) {
                try {
                    join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InputException("interrupted");
                }
                if (failure != null) {
                    throw failure;
                }
            }
            try {
                collect(engine.flush());
                accounts = new HashSet<>(engine.accountIds());
                screeningSeconds = started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
            } finally {
                engine.close();
            }
        }

        void abort() {
            aborted = true;
            interrupt();
        }
    }

    /** Parses the transaction files on its own thread, handing batches over a bounded queue. */
    private static final class Reader extends Thread {
        private final Dataset data;
        private final ErrorPolicy errors;
        private final boolean sort;
        private final AtomicLong bytesRead;
        private final TransactionValidator validator;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
        private volatile RuntimeException failure;

        Reader(Dataset data, ErrorPolicy errors, boolean sort, AtomicLong bytesRead, TransactionValidator validator) {
            super("replay-reader");
            setDaemon(true);
            this.data = data;
            this.errors = errors;
            this.sort = sort;
            this.bytesRead = bytesRead;
            this.validator = validator;
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
                        Batch batch = Batch.create();
                        String name = file.toString();
                        Transaction tx;
                        while ((tx = src.next()) != null) {
                            long n = src.line();
                            Optional<InputProblem> problem = validator.check(tx);
                            if (problem.isPresent()) {   // the engine would refuse it: located here
                                errors.bad(new InputError(name, n, problem.get().field(), problem.get().reason()));
                                continue;
                            }
                            if (sort) {
                                all.add(tx);
                                allLines.add(n);
                                allFiles.add(name);
                                continue;
                            }
                            batch.add(tx, n, name, true, 0);
                            if (batch.full()) {
                                bytesRead.set(done + src.bytesRead());
                                queue.put(batch);
                                batch = Batch.create();
                            }
                        }
                        if (!batch.txs().isEmpty()) {
                            queue.put(batch);
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
                    Batch batch = Batch.create();
                    for (Integer k : order) {
                        batch.add(all.get(k), allLines.get(k), allFiles.get(k), true, 0);
                        if (batch.full()) {
                            queue.put(batch);
                            batch = Batch.create();
                        }
                    }
                    if (!batch.txs().isEmpty()) {
                        queue.put(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure = e;
            } catch (Throwable e) {   // an Error (out of memory, ...) ends the run, it must not leave main waiting
                failure = RunFailure.of("reading the transactions", e, sort
                        ? "--sort holds every transaction in memory: sort the files beforehand, or give the JVM more "
                                + "heap (JAVA_OPTS=-Xmx...)" : "give the JVM more heap (JAVA_OPTS=-Xmx...)");
                queue.clear();   // frees the batches not yet taken, and makes room for END
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The next batch; fails at once when the reader has failed or stopped. */
        Batch take() {
            try {
                while (true) {
                    Batch b = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (b == null) {
                        if (failure != null) {
                            throw failure;
                        }
                        if (!isAlive() && queue.isEmpty()) {
                            throw new RunFailure("the reader thread stopped without finishing the input");
                        }
                        continue;
                    }
                    if (b == END && failure != null) {
                        throw failure;
                    }
                    return b;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted");
            }
        }
    }
}
