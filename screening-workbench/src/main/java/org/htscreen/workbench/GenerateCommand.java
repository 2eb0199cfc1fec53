package org.htscreen.workbench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.samples.Label;
import org.htscreen.samples.Population;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.RecordSink;
import org.htscreen.workbench.io.RecordSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: seeded sample traffic with planted, labelled trafficking scenarios (module screening-samples).
 * Large populations are generated in shards of customers (each a sample of its own, with a seed derived from
 * {@code --seed} and its ids tagged {@code -sNN} so that shards never share an account, party or identifier),
 * each shard spilled to a temporary Avro file, then merged in event-time order: memory stays bounded by one shard.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate seeded, reproducible sample traffic: a benign population (salaried people, students, "
                + "domestic workers, small businesses, hotels, payroll accounts) with trafficking scenarios planted in it; "
                + "writes transactions, party profiles and labels (account_id,label,typology,role) to --out.",
        footer = {"", "Example: screening generate --customers 50000 --days 90 --out sample-large",
                "Exit codes: 0 done; 2 usage or output error."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sample",
            description = "Output directory (default ${DEFAULT-VALUE}): transactions.EXT, profiles.EXT, labels.csv.")
    Path out;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avro",
            description = "avro, jsonl or csv (default ${DEFAULT-VALUE}).")
    Format format;
    @Option(names = "--gzip", description = "Compress the jsonl or csv output (.gz).")
    boolean gzip;
    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}); same options, same files.")
    long seed;
    @Option(names = "--customers", defaultValue = "200", description = "Benign customers (default ${DEFAULT-VALUE}); "
            + "about 0.9 transactions per customer and day.")
    int customers;
    @Option(names = "--days", defaultValue = "60", description = "Days of traffic (default ${DEFAULT-VALUE}).")
    int days;
    @Option(names = "--start", paramLabel = "INSTANT", description = "Start, ISO-8601 (default 2026-08-31T21:00:00Z, "
            + "1 September 2026 in Nicosia).")
    Instant start;
    @Option(names = "--sex-rings", defaultValue = "1", description = "Sexual-exploitation rings (controller + victims).")
    int sexRings;
    @Option(names = "--labour-rings", defaultValue = "1", description = "Labour-exploitation rings.")
    int labourRings;
    @Option(names = "--sham", defaultValue = "1", description = "Sham-marriage facilitators.")
    int sham;
    @Option(names = "--funnels", defaultValue = "1", description = "Funnel accounts.")
    int funnels;
    @Option(names = "--smugglers", defaultValue = "1", description = "Smuggling fan-in beneficiaries.")
    int smugglers;
    @Option(names = "--mule-rings", defaultValue = "0",
            description = "Forced-criminality mule rings (controller + mules; --population BANK only).")
    int muleRings;
    @Option(names = "--population", paramLabel = "KIND", defaultValue = "CLASSIC",
            description = "Ordinary population: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). BANK: a Cyprus "
                    + "bank's segments at realistic shares with the behaviour that resembles red flags, subtle scenario "
                    + "variants and mule rings; TRANSFER_ONLY: transfers only, --funnels laundering shapes (fan-in/fan-out, "
                    + "cycle, scatter-gather).")
    Population population;
    @Option(names = "--shard-customers", paramLabel = "N",
            description = "Benign customers per shard (default: about 800,000 transactions per shard).")
    Integer shardCustomers;
    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress on stderr: ${COMPLETION-CANDIDATES}.")
    Progress.Mode progress;

    /** About this many transactions per benign customer and day (measured on the generator). */
    static final double TX_PER_CUSTOMER_DAY = 0.92;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (customers < 0 || days < 1 || sexRings < 0 || labourRings < 0 || sham < 0 || funnels < 0 || smugglers < 0
                || muleRings < 0) {
            throw new UsageException("counts must be >= 0 and --days >= 1");
        }
        SampleConfig base = new SampleConfig(seed, customers, days, start != null ? start : SampleConfig.DEMO_START,
                sexRings, labourRings, sham, funnels, smugglers, muleRings, population);
        int perShard = shardCustomers != null ? shardCustomers
                : (int) Math.max(1000, Math.ceil(800_000 / (TX_PER_CUSTOMER_DAY * days)));
        if (perShard < 1) {
            throw new UsageException("--shard-customers must be >= 1");
        }
        int shards = Math.max(1, (int) Math.ceil(customers / (double) perShard));
        String ext = format.extension() + (gzip && format != Format.AVRO ? ".gz" : "");
        Path txFile = out.resolve("transactions" + ext);
        Path profileFile = out.resolve("profiles" + ext);
        Path labelFile = out.resolve("labels.csv");
        Files.createDirectories(out);
        long estimate = Math.round(TX_PER_CUSTOMER_DAY * customers * days) + 1;
        AtomicLong written = new AtomicLong();
        Progress bar = Progress.start(progress, System.err, "generate", "tx", estimate, written::get);
        long t0 = System.nanoTime();
        long transactions = 0;
        long profiles = 0;
        long labels = 0;
        try (RecordSink<PartyProfile> ps = RecordSink.create(profileFile, format, PartyProfile.getClassSchema());
                BufferedWriter ls = Files.newBufferedWriter(labelFile, StandardCharsets.UTF_8)) {
            ls.write("account_id,label,typology,role,case_id,segment\n");
            if (shards == 1) {
                Sample s = SampleTraffic.generate(base);
                try (RecordSink<Transaction> ts = RecordSink.create(txFile, format, Transaction.getClassSchema())) {
                    for (Transaction t : s.transactions()) {
                        ts.write(t);
                        bar.tick();
                        written.incrementAndGet();
                    }
                }
                transactions = s.transactions().size();
                profiles = write(s, ps, ls, null);
                labels = s.labels().size();
            } else {
                Path tmp = Files.createTempDirectory(out.toAbsolutePath(), ".shards-");
                try {
                    List<Path> parts = new ArrayList<>();
                    for (int k = 0; k < shards; k++) {
                        SampleConfig c = shard(base, k, shards);
                        Sample s = SampleTraffic.generate(c);
                        Tagger tag = new Tagger(k, s.profiles());
                        Path part = tmp.resolve("shard-" + k + ".avro");
                        try (RecordSink<Transaction> ts = RecordSink.create(part, Format.AVRO,
                                Transaction.getClassSchema())) {
                            for (Transaction t : s.transactions()) {
                                ts.write(tag.transaction(t));
                            }
                        }
                        parts.add(part);
                        profiles += write(s, ps, ls, tag);
                        labels += s.labels().size();
                        written.addAndGet(s.transactions().size() / 2);   // half the work: generating; half: merging
                        bar.update();

                    }
                    transactions = merge(parts, txFile, bar, written);
                } finally {
                    try (Stream<Path> w = Files.walk(tmp)) {
                        for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        }
        bar.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        o.printf(Locale.ROOT, "Generated %,d transactions, %,d profiles, %,d labelled accounts (seed %d, %,d customers, "
                + "%d days, %d shard%s) in %s%n", transactions, profiles, labels, seed, customers, days, shards,
                shards == 1 ? "" : "s", Progress.duration(secs));
        o.printf(Locale.ROOT, "  %s%n  %s%n  %s%n", txFile, profileFile, labelFile);
        o.printf(Locale.ROOT, "Next: bin/screening backtest -t %s -p %s -l %s%n", txFile, profileFile, labelFile);
        return Exit.OK;
    }

    /** Shard k of n: its share of the customers and scenarios, and a seed of its own. */
    static SampleConfig shard(SampleConfig c, int k, int n) {
        return new SampleConfig(c.seed() * 1_000_003L + k + 1, share(c.benignCustomers(), k, n), c.days(), c.start(),
                share(c.sexRings(), k, n), share(c.labourRings(), k, n), share(c.shamFacilitators(), k, n),
                share(c.funnels(), k, n), share(c.smugglers(), k, n), share(c.muleRings(), k, n), c.population());
    }

    static int share(int total, int k, int n) {
        return total / n + (k < total % n ? 1 : 0);
    }

    /**
     * Writes the profiles and the label rows: one per planted account ({@code 1}, typology, role, case, variant) and
     * one per ordinary customer with a segment ({@code 0} and the segment). Case ids of a shard carry its suffix.
     */
    private static long write(Sample s, RecordSink<PartyProfile> ps, BufferedWriter ls, Tagger tag) throws IOException {
        for (PartyProfile p : s.profiles()) {
            ps.write(tag == null ? p : tag.profile(p));
        }
        for (Label l : s.labels()) {
            String caseId = l.caseId() == null ? "" : tag == null ? l.caseId() : tag.always(l.caseId());
            ls.write((tag == null ? l.accountId() : tag.bank(l.accountId())) + ",1," + l.typology() + "," + l.role()
                    + "," + caseId + "," + (l.segment() == null ? "" : l.segment()) + "\n");
        }
        for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(s.segments()).entrySet()) {
            ls.write((tag == null ? e.getKey() : tag.bank(e.getKey())) + ",0,,,," + e.getValue() + "\n");
        }
        return s.profiles().size();
    }

    /** K-way merge of event-time-sorted Avro files into one output, in the sample's order (event time, id). */
    private long merge(List<Path> parts, Path target, Progress bar, AtomicLong written) {
        record Head(Transaction tx, RecordSource<Transaction> src) {
        }
        PriorityQueue<Head> heap = new PriorityQueue<>(Comparator.comparing((Head h) -> h.tx(), SampleTraffic.ORDER));
        List<RecordSource<Transaction>> sources = new ArrayList<>();
        long n = 0;
        try (RecordSink<Transaction> sink = RecordSink.create(target, format, Transaction.getClassSchema())) {
            for (Path p : parts) {
                RecordSource<Transaction> s = RecordSource.open(p, Format.AVRO, Transaction.getClassSchema(),
                        ErrorPolicy.strict());
                sources.add(s);
                Transaction t = s.next();
                if (t != null) {
                    heap.add(new Head(t, s));
                }
            }
            while (!heap.isEmpty()) {
                Head h = heap.poll();
                sink.write(h.tx());
                n++;
                if ((n & 1) == 0) {
                    written.incrementAndGet();
                }
                bar.tick();
                Transaction next = h.src().next();
                if (next != null) {
                    heap.add(new Head(next, h.src()));
                }
            }
        } finally {
            sources.forEach(RecordSource::close);
        }
        return n;
    }

    /**
     * Tags one shard's own ids ({@code -sNN}): its accounts and parties, and every personal identifier (device, IP,
     * address, phone, e-mail hashes), so that two shards never share one. Outside counterparties, merchants and
     * terminals are left as they are (customers of different shards may pay the same shop).
     */
    static final class Tagger {
        private final String suffix;
        private final Set<String> accounts = new HashSet<>();
        private final Set<String> parties = new HashSet<>();

        Tagger(int shard, List<PartyProfile> profiles) {
            this.suffix = String.format(Locale.ROOT, "-s%02d", shard);
            for (PartyProfile p : profiles) {
                parties.add(p.getPartyId());
                accounts.addAll(p.getAccountIds());
            }
        }

        String bank(String id) {
            return id != null && (accounts.contains(id) || parties.contains(id)) ? id + suffix : id;
        }

        String always(String id) {
            return id == null ? null : id + suffix;
        }

        Transaction transaction(Transaction t) {
            Transaction.Builder b = Transaction.newBuilder(t);
            b.setOriginator(party(t.getOriginator()));
            b.setBeneficiary(party(t.getBeneficiary()));
            b.setConductorPartyId(bank(t.getConductorPartyId()));
            b.setDeviceId(always(t.getDeviceId()));
            b.setIpHash(always(t.getIpHash()));
            return b.build();
        }

        private TransactionParty party(TransactionParty p) {
            if (p == null) {
                return null;
            }
            return TransactionParty.newBuilder(p).setAccountId(bank(p.getAccountId())).setPartyId(bank(p.getPartyId()))
                    .build();
        }

        PartyProfile profile(PartyProfile p) {
            return PartyProfile.newBuilder(p)
                    .setPartyId(bank(p.getPartyId()))
                    .setAccountIds(p.getAccountIds().stream().map(this::bank).toList())
                    .setAddressHash(always(p.getAddressHash()))
                    .setPhoneHash(always(p.getPhoneHash()))
                    .setEmailHash(always(p.getEmailHash()))
                    .setDeviceIds(p.getDeviceIds().stream().map(this::always).toList())
                    .build();
        }
    }
}
