package org.htscreen.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htscreen.samples.Population;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.workbench.Main;

/**
 * The benchmarks' input: sample traffic written by the workbench's {@code generate} command (seeded, a benign
 * population over 90 days with one of each trafficking scenario per 1,000 customers), as Avro files in one
 * directory: {@code transactions.avro}, {@code profiles.avro}. Every step that needs the same records reads these.
 */
public final class Workload {

    public static final String TRANSACTIONS = "transactions.avro";
    public static final String PROFILES = "profiles.avro";
    public static final int DAYS = 90;
    public static final long SEED = 42;
    /**
     * Start of the traffic: far enough in the past that the job's plausibility check (at most 1 day ahead of the
     * wall clock) passes and the latency run can replay several 90-day rounds shifted forward.
     */
    public static final String START = "2024-01-01T00:00:00Z";
    /** Transactions per benign customer over {@value #DAYS} days, about (the generator's rate: 0.92 a day). */
    static final double TX_PER_CUSTOMER = 0.92 * DAYS;
    /** One of each scenario per this many customers, at least one. */
    static final int CUSTOMERS_PER_SCENARIO = 1000;

    private final Path dir;

    public Workload(Path dir) {
        this.dir = dir;
    }

    public Path transactions() {
        return dir.resolve(TRANSACTIONS);
    }

    public Path profiles() {
        return dir.resolve(PROFILES);
    }

    public boolean exists() {
        return Files.exists(transactions()) && Files.exists(profiles());
    }

    private static final double TX_PER_DAY_CLASSIC = 0.92;

    /**
     * Transactions a day per customer of a population, about (measured: BANK seed 101, 3,000 customers, 60 days gave
     * 188,963; TRANSFER_ONLY 36 customers over 90 days gave 1,267).
     */
    static double txPerDay(Population population) {
        return switch (population) {
            case BANK -> 1.05;
            case TRANSFER_ONLY -> 0.39;
            default -> TX_PER_DAY_CLASSIC;
        };
    }

    /** Customers for about {@code records} transactions. */
    public static int customersFor(long records) {
        return (int) Math.max(10, Math.round(records / TX_PER_CUSTOMER));
    }

    /** Generates about {@code records} transactions with the workbench; returns this workload. */
    public Workload generate(long records) {
        return generate(records, Population.CLASSIC);
    }

    /**
     * Generates about {@code records} transactions of a population with the workbench ({@link Population#BANK}: a
     * bank's segments with mule rings too; {@link Population#TRANSFER_ONLY}: transfers only); returns this workload.
     */
    public Workload generate(long records, Population population) {
        int customers = (int) Math.max(10, Math.round(records / (txPerDay(population) * DAYS)));
        String scenarios = String.valueOf(Math.max(1, customers / CUSTOMERS_PER_SCENARIO));
        String[] args = {"generate", "--out", dir.toString(), "--customers", String.valueOf(customers),
                "--days", String.valueOf(DAYS), "--start", START, "--seed", String.valueOf(SEED), "--progress", "none",
                "--sex-rings", scenarios, "--labour-rings", scenarios, "--sham", scenarios, "--funnels", scenarios,
                "--smugglers", scenarios, "--population", population.name(),
                "--mule-rings", population == Population.BANK ? scenarios : "0"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("generate failed (exit " + code + "): " + err.toString(StandardCharsets.UTF_8).trim());
        }
        return this;
    }

    /** Reads every party profile. */
    public List<PartyProfile> readProfiles() {
        List<PartyProfile> all = new ArrayList<>();
        read(profiles(), PartyProfile.class, all::add);
        return all;
    }

    /** Reads every transaction (in the file's order: event time). */
    public List<Transaction> readTransactions() {
        List<Transaction> all = new ArrayList<>();
        read(transactions(), Transaction.class, all::add);
        return all;
    }

    /** Streams the records of an Avro file. */
    public static <T extends SpecificRecord> void read(Path file, Class<T> type, Consumer<T> each) {
        try (DataFileReader<T> r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            while (r.hasNext()) {
                each.accept(r.next(null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
