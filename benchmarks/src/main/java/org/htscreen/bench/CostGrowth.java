package org.htscreen.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntToLongFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.Direction;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.AccountStates;
import org.htscreen.core.InvalidProfileException;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.network.IdentifierIndex;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.job.JobOptions.ScreeningOrder;
import org.htscreen.job.RuleSource;
import org.htscreen.job.operators.AccountScreening;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cost against input size for each lever of issue 11 ("bounded cost"), at 1k, 10k and 100k: the length of a
 * hostile payment reference, the number of customers sharing one identifier, the number of accounts one profile
 * names, the backlog of one account's
 * transactions held back in event-time order (in the job's screening operator on a local Flink MiniCluster), and
 * the length of the names that enter one account's history. Each line gives the time per unit and the growth
 * from the previous size; cost that grows at most linearly keeps the time per unit flat (or falling).
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Cost against input size (1k, 10k, 100k) for each bounded-cost lever.")
public final class CostGrowth implements Callable<Integer> {

    public static final String STEP = "cost";
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000",
            description = "Sizes (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--levers", split = ",", defaultValue = "reference_chars,group_parties,profile_accounts,history_name_chars,history_entries,pending_backlog",
            description = "Levers to measure (default ${DEFAULT-VALUE}).")
    List<String> levers;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws Exception {
        Figures f = new Figures(STEP).withMachine();
        CompiledRules rules = CompiledRules.compile(RuleSet.bundled());
        if (levers.contains("reference_chars")) {
            lever(f, "reference_chars", "µs per transaction side", n -> referenceLength(rules, n));
        }
        if (levers.contains("group_parties")) {
            lever(f, "group_parties", "µs per profile", this::groupSize);
        }
        if (levers.contains("profile_accounts")) {
            lever(f, "profile_accounts", "µs per profile", n -> profileAccounts(rules, n));
        }
        if (levers.contains("history_name_chars")) {
            lever(f, "history_name_chars", "µs per transaction side", n -> historyNames(rules, n, f));
        }
        if (levers.contains("history_entries")) {
            lever(f, "history_entries", "µs per transaction side", n -> historyEntries(rules, n, f));
        }
        if (levers.contains("pending_backlog")) {
            pendingBacklog(1);   // warm-up: starts the local cluster once, outside the measured runs
            lever(f, "pending_backlog", "µs per transaction", this::pendingBacklog);
        }
        f.write(results);
        return 0;
    }

    /** Runs one lever at every size; {@code measure} returns nanoseconds per unit. */
    private void lever(Figures f, String name, String unit, IntToLongFunction measure) {
        double previous = Double.NaN;
        for (int n : sizes) {
            double perUnit = measure.applyAsLong(n) / 1_000.0;
            String growth = Double.isNaN(previous) ? "" : String.format(Locale.ROOT, " (x%.2f per unit)", perUnit / previous);
            Bench.say("cost %s=%d: %.1f %s%s", name, n, perUnit, unit, growth);
            System.out.printf(Locale.ROOT, "%-20s %8d  %10.1f %s%s%n", name, n, perUnit, unit, growth);
            f.put(name + "_" + n + "_us", String.format(Locale.ROOT, "%.1f", perUnit));
            previous = perUnit;
        }
    }

    private static Transaction transfer(String id, String account, Instant at, String name, String reference) {
        return Transaction.newBuilder().setTxId(id).setEventTime(at).setZoneId("Asia/Nicosia")
                .setChannel(Channel.SEPA_TRANSFER).setDirection(Direction.INBOUND).setCurrency("EUR")
                .setAmount(new BigDecimal("120.00"))
                .setOriginator(TransactionParty.newBuilder().setAccountId("EXT-" + id).setName(name).build())
                .setBeneficiary(TransactionParty.newBuilder().setAccountId(account).setPartyId("P-1").build())
                .setReference(reference).build();
    }

    /**
     * Screens a transaction; one the engine refuses at the edge (beyond {@code InputLimits}, e.g. a name above 512 or
     * a reference above 2,048 characters) counts as refused: from those sizes on, the lever measures the refusal.
     *
     * @return 1 when refused, 0 when screened
     */
    private static int screenOrRefuse(ScreeningEngine engine, Transaction tx) {
        try {
            engine.screen(tx);
            return 0;
        } catch (InvalidTransactionException e) {
            return 1;
        }
    }

    private static void sayRefused(String lever, int n, int refused, int of) {
        if (refused > 0) {
            Bench.say("cost %s=%d: %d of %d transactions refused at the edge (input limits), not screened", lever, n,
                    refused, of);
        }
    }

    /** A reference of n characters: one long word, a bracket, a nickname (quadratic in the old alias expression). */
    private static long referenceLength(CompiledRules rules, int n) {
        String reference = "a".repeat(Math.max(0, n - 7)) + " (Lena)";
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).build()) {
            int reps = 200;
            for (int i = 0; i < 500; i++) {   // warm-up
                screenOrRefuse(engine, transfer("w" + i, "A-" + i, T0.plusSeconds(i), "Sender", reference));
            }
            long started = System.nanoTime();
            int refused = 0;
            for (int i = 0; i < reps; i++) {
                refused += screenOrRefuse(engine, transfer("r" + i, "B-" + (i % 20), T0.plusSeconds(60L * i), "Sender", reference));
            }
            long perSide = (System.nanoTime() - started) / reps;
            sayRefused("reference_chars", n, refused, reps);
            return perSide;
        }
    }

    /** n customers with one phone hash: total time of the n upserts into the identifier index, per customer. */
    private long groupSize(int n) {
        IdentifierIndex index = new IdentifierIndex();
        long findings = 0;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            PartyProfile p = PartyProfile.newBuilder().setPartyId("P-" + i).setKind(PartyKind.PERSON).setAccountIds(List.of("A-" + i))
                    .setPhoneHash("5f4dcc3b5aa765d61d8327deb882cf99").setUpdatedAt(T0.plusSeconds(i)).build();
            findings += index.update(null, p).size();
        }
        long perParty = (System.nanoTime() - started) / n;
        Bench.say("cost group_parties=%d: %d findings sent (%.2f per customer)", n, findings, (double) findings / n);
        return perParty;
    }

    /**
     * Profiles that each name n accounts, upserted into the engine (200 after 20 warm-up): time per profile. A profile
     * naming more than {@code ProfileFanOut.MAX_ACCOUNTS} accounts is refused by validation, so from there on the
     * lever measures the refusal.
     */
    private static long profileAccounts(CompiledRules rules, int n) {
        List<String> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            accounts.add("CY-ACC-" + i);
        }
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).build()) {
            int reps = 200;
            int refused = 0;
            long started = 0;
            for (int i = -20; i < reps; i++) {
                if (i == 0) {
                    started = System.nanoTime();
                }
                PartyProfile p = PartyProfile.newBuilder().setPartyId("P-1").setKind(PartyKind.PERSON).setAccountIds(accounts)
                        .setUpdatedAt(T0.plusSeconds(i + 20)).build();
                try {
                    engine.upsertProfile(p);
                } catch (InvalidProfileException e) {
                    refused += i >= 0 ? 1 : 0;
                }
            }
            long perProfile = (System.nanoTime() - started) / reps;
            if (refused > 0) {
                Bench.say("cost profile_accounts=%d: %d of %d profiles refused at the edge (input limits), not stored", n,
                        refused, reps);
            }
            return perProfile;
        }
    }

    /**
     * One account's transactions whose counterparty names are n characters long: 500 transactions (more than the
     * history keeps), time per side and the state's serialized size, which must stay bounded.
     */
    private static long historyNames(CompiledRules rules, int n, Figures f) {
        int count = 500;
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).build()) {
            long started = System.nanoTime();
            int refused = 0;
            for (int i = 0; i < count; i++) {
                String name = (char) ('A' + i % 26) + "N".repeat(Math.max(0, n - 6)) + String.format("%05d", i);
                refused += screenOrRefuse(engine, transfer("h" + i, "CY-ACC-1", T0.plusSeconds(600L * i), name, "invoice"));
            }
            long perTx = (System.nanoTime() - started) / count;
            sayRefused("history_name_chars", n, refused, count);
            AccountState s = engine.exportState("CY-ACC-1").orElse(null);
            int bytes = s == null ? 0 : AccountStates.toBytes(s).length;
            Bench.say("cost history_name_chars=%d: %d entries kept, state %d bytes serialized", n,
                    s == null ? 0 : s.getHistory().size(), bytes);
            f.put("history_name_chars_" + n + "_state_bytes", bytes);
            return perTx;
        }
    }

    /**
     * One account's n transactions whose counterparty names are as long as the edge accepts
     * ({@code InputLimits.MAX_NAME_LENGTH}, all different): time per side and the state's serialized size, which the
     * history's count and byte caps must keep bounded whatever n.
     */
    private static long historyEntries(CompiledRules rules, int n, Figures f) {
        try (ScreeningEngine engine = ScreeningEngine.builder().compiledRules(rules).build()) {
            long started = System.nanoTime();
            int refused = 0;
            for (int i = 0; i < n; i++) {
                String name = String.format("%07d", i) + "N".repeat(org.htscreen.core.InputLimits.MAX_NAME_LENGTH - 7);
                refused += screenOrRefuse(engine, transfer("e" + i, "CY-ACC-2", T0.plusSeconds(60L * i), name, "invoice"));
            }
            long perTx = (System.nanoTime() - started) / n;
            sayRefused("history_entries", n, refused, n);
            AccountState s = engine.exportState("CY-ACC-2").orElse(null);
            int bytes = s == null ? 0 : AccountStates.toBytes(s).length;
            Bench.say("cost history_entries=%d: %d entries kept, state %d bytes serialized", n,
                    s == null ? 0 : s.getHistory().size(), bytes);
            f.put("history_entries_" + n + "_state_bytes", bytes);
            return perTx;
        }
    }

    /**
     * One account's n transactions all held back in event-time order (the watermark passes them only at the end of
     * input), screened by the job's operator on a local MiniCluster (parallelism 1, heap state). Time per
     * transaction after subtracting a run of one transaction just before (job start-up and rule compilation).
     */
    private long pendingBacklog(int n) {
        try {
            long base = runBacklog(1);
            long total = runBacklog(n);
            Bench.say("cost pending_backlog=%d: job %d ms, one-transaction job %d ms", n, total / 1_000_000, base / 1_000_000);
            return Math.max(0, total - base) / Math.max(1, n);
        } catch (Exception e) {
            throw new IllegalStateException("pending backlog run failed: " + e, e);
        }
    }

    private static long runBacklog(int n) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        List<AccountInput> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Transaction tx = transfer("p" + i, "CY-ACC-1", T0.plusSeconds(60L * (n - i)), "Sender " + (i % 50), "invoice");
            inputs.add(AccountInput.newBuilder().setAccountId("CY-ACC-1").setCredit(true).setPartyId("P-1")
                    .setTransaction(tx).build());
        }
        DataStream<AccountInput> in = env.fromData(inputs, new AvroTypeInfo<>(AccountInput.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AccountInput>forBoundedOutOfOrderness(Duration.ofDays(3650))
                        .withTimestampAssigner((a, ts) -> a.getTransaction().getEventTime().toEpochMilli()));
        DataStream<ControlMessage> none = env.fromSequence(1, 1).filter(x -> false)
                .map(x -> (ControlMessage) null).returns(new AvroTypeInfo<>(ControlMessage.class));
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(120)).build();
        in.keyBy(AccountInput::getAccountId)
                .connect(none.broadcast(AccountScreening.CONTROL_STATE))
                .process(new AccountScreening(RuleSource.bundled(), ttl, ScreeningOrder.EVENT_TIME), new AvroTypeInfo<>(Alert.class))
                .sinkTo(new DiscardingSink<>());
        long started = System.nanoTime();
        env.execute("cost: pending backlog " + n);
        return System.nanoTime() - started;
    }
}
