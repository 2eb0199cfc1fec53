package org.htscreen.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.RecordSink;
import org.htscreen.workbench.io.RecordSource;

/**
 * Input read once for several runs (sweep, diff): text files are checked and converted to Avro in a temporary
 * directory (bad lines reported once), profiles and labels are read once.
 */
final class PreparedInput implements AutoCloseable {

    final Dataset data;
    final List<PartyProfile> profiles;
    final Labels labels;
    final ErrorPolicy errors;
    private final Path tmp;

    private PreparedInput(Dataset data, List<PartyProfile> profiles, Labels labels, ErrorPolicy errors, Path tmp) {
        this.data = data;
        this.profiles = profiles;
        this.labels = labels;
        this.errors = errors;
        this.tmp = tmp;
    }

    static PreparedInput prepare(InputOptions in, PrintWriter err) {
        ErrorPolicy errors = in.errors(err);
        Labels labels = in.labelsBeforeRun(errors);
        Dataset original = in.dataset();
        List<PartyProfile> profiles = original.readProfiles(errors);
        List<Path> avro = new ArrayList<>();
        Path tmp = null;
        int i = 0;
        for (Path f : original.transactions()) {
            Format fmt = in.format != null ? in.format : Format.of(f);
            if (fmt == Format.AVRO) {
                avro.add(f);
                continue;
            }
            try {
                if (tmp == null) {
                    tmp = Files.createTempDirectory("screening-");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path out = tmp.resolve("tx-" + (i++) + ".avro");
            AtomicLong bytes = new AtomicLong();
            Progress p = Progress.start(in.progress, System.err, "reading " + f.getFileName(), "tx",
                    RecordSource.totalBytes(List.of(f)), bytes::get);
            try (RecordSource<Transaction> src = RecordSource.open(f, fmt, Transaction.getClassSchema(), errors);
                    RecordSink<Transaction> sink = RecordSink.create(out, Format.AVRO, Transaction.getClassSchema())) {
                Transaction t;
                while ((t = src.next()) != null) {
                    sink.write(t);
                    p.tick();
                    if ((p.count() & 0x3FF) == 0) {
                        bytes.set(src.bytesRead());
                    }
                }
            }
            p.finish();
            avro.add(out);
        }
        return new PreparedInput(new Dataset(avro, List.of(), Format.AVRO), profiles, labels, errors, tmp);
    }

    /** An error policy for one of several runs over the prepared input: quiet, same limit. */
    ErrorPolicy runErrors() {
        return new ErrorPolicy(errors.maxErrors(), e -> { });
    }

    @Override
    public void close() {
        if (tmp == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the run
        }
    }

    /** Runs tasks on {@code threads} threads, results in task order; the first failure is rethrown. */
    static <T> List<T> parallel(List<Callable<T>> tasks, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> c : tasks) {
                futures.add(pool.submit(c));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw RunFailure.of("a run", err, "give the JVM more heap (JAVA_OPTS=-Xmx...)");
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
