package org.htscreen.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountStates;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * State bytes per account. Screens {@value #DEFAULT_CUSTOMERS} customers' sample traffic over 90 days through one
 * engine, exports every account's state, then builds {@code --accounts} distinct accounts by cloning those real
 * states round-robin under new account ids of one length. Reports their serialized size (the stored form of
 * {@code AccountStates.toBytes}, ADR 0009: what Flink's heap and RocksDB backends write to checkpoints and RocksDB
 * keeps per key, after a length of one to three bytes; a clone's encoding is as long as its template's under an id
 * of that length), mean, p50 and p99, and the heap per account: the growth of the used heap, after a full GC, of an engine that holds
 * clones ({@code ScreeningEngine.importState}; each decoded from the stored bytes, so no object is shared between
 * accounts, while an account's entries share its dictionary's strings as a state restored from a checkpoint does; a
 * state built by screening decoded transactions shares none and takes more heap) divided by
 * their number: all the accounts, or as many as {@code --heap-accounts} or 75 % of the heap allow.
 */
@Command(name = "state", mixinStandardHelpOptions = true, description = "State bytes per account (serialized and heap).")
public final class StateSize implements Callable<Integer> {

    public static final String STEP = "state";
    static final int DEFAULT_CUSTOMERS = 500;
    /** Heap accounts are added in chunks and stop before the used heap passes this share of the maximum. */
    static final double HEAP_LIMIT = 0.75;
    static final int CHUNK = 10_000;

    @Option(names = "--accounts", defaultValue = "1000000", description = "Distinct accounts (default ${DEFAULT-VALUE}).")
    int accounts = 1_000_000;

    @Option(names = "--heap-accounts", defaultValue = "0",
            description = "At most this many of the accounts are held on the heap; 0: all that fit in 75 % of the heap (default ${DEFAULT-VALUE}).")
    long heapLimit;

    @Option(names = "--customers", defaultValue = "" + DEFAULT_CUSTOMERS, description = "Customers whose 90 days of traffic give the real states (default ${DEFAULT-VALUE}).")
    int customers = DEFAULT_CUSTOMERS;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results = Path.of("bench-results");

    @Override
    public Integer call() {
        Figures f = measure();
        f.write(results);
        Bench.say("state: %s B serialized per account (mean; p50 %s, p99 %s), %s B heap per account",
                f.get("serialized_mean"), f.get("serialized_p50"), f.get("serialized_p99"), f.get("heap_per_account"));
        return 0;
    }

    Figures measure() {
        SampleConfig config = SampleConfig.small().withSeed(Workload.SEED).withDays(Workload.DAYS)
                .withBenignCustomers(customers);
        Sample sample = SampleTraffic.generate(config);
        List<AccountState> real = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().build()) {
            for (PartyProfile p : sample.profiles()) {
                engine.upsertProfile(p);
            }
            for (Transaction t : sample.transactions()) {
                try {
                    engine.screen(t);
                } catch (InvalidTransactionException e) {
                    // counted as bad input by the job; nothing to keep here
                }
            }
            for (String id : engine.accountIds()) {
                engine.exportState(id).filter(s -> !s.getHistory().isEmpty()).ifPresent(real::add);
            }
        }
        if (real.isEmpty()) {
            throw new IllegalStateException("no account has history");
        }
        byte[][] templates = real.stream().map(AccountStates::toBytes).toArray(byte[][]::new);

        // serialized: each real state encoded under a bench id; account i is a clone of real state i % n under
        // its own id of the same length, so its encoding has exactly that length
        int[] templateSizes = new int[real.size()];
        for (int k = 0; k < real.size(); k++) {
            AccountState s = real.get(k);
            s.setAccountId(id(k));
            templateSizes[k] = AccountStates.toBytes(s).length;
        }
        int[] sizes = new int[accounts];
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            sizes[i] = templateSizes[i % templateSizes.length];
            total += sizes[i];
        }
        Arrays.sort(sizes);

        // heap: the same clones held by an engine, as many as fit
        long heapAccounts = 0;
        long before;
        long after;
        try (ScreeningEngine holder = ScreeningEngine.builder().build()) {
            before = usedAfterGc();
            long max = Runtime.getRuntime().maxMemory();
            long target = heapLimit > 0 ? Math.min(heapLimit, accounts) : accounts;
            while (heapAccounts < target) {
                int n = (int) Math.min(CHUNK, target - heapAccounts);
                for (int i = 0; i < n; i++) {
                    holder.importState(clone(templates, (int) heapAccounts + i));
                }
                heapAccounts += n;
                Runtime rt = Runtime.getRuntime();
                if (rt.totalMemory() - rt.freeMemory() > HEAP_LIMIT * max && usedAfterGc() > HEAP_LIMIT * max) {
                    break;
                }
            }
            after = usedAfterGc();
            if (holder.accountIds().size() != heapAccounts) {
                throw new IllegalStateException("engine holds " + holder.accountIds().size() + " accounts, not " + heapAccounts);
            }
        }
        Figures f = new Figures(STEP).withMachine();
        f.put("accounts", accounts);
        f.put("real_accounts", real.size());
        f.put("customers", customers);
        f.put("sample_transactions", sample.transactions().size());
        f.put("mean_history_entries", real.stream().mapToInt(s -> s.getHistory().size()).average().orElse(0));
        f.put("serialized_mean", Math.round((double) total / accounts));
        f.put("serialized_p50", sizes[(int) (0.50 * (accounts - 1))]);
        f.put("serialized_p99", sizes[(int) (0.99 * (accounts - 1))]);
        f.put("serialized_total_mb", Math.round(total / 1e6));
        f.put("heap_accounts", heapAccounts);
        f.put("heap_per_account", Math.round((double) (after - before) / heapAccounts));
        return f;
    }

    private static AccountState clone(byte[][] templates, int i) {
        AccountState s = AccountStates.fromBytes(templates[i % templates.length]);
        s.setAccountId(id(i));
        return s;
    }

    private static String id(int i) {
        return String.format("BENCH-ACC-%07d", i);
    }

    /** Used heap after full collections (a few, until it stops shrinking). */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used * 0.99) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
