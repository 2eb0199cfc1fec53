package org.htscreen.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads by group (the screening task, the transactions source, Kafka clients, the JIT
 * compilers, garbage collection, ...), read from Linux's {@code /proc/self/task/<tid>/stat}. A job run's task
 * threads end with the job, so the threads are sampled while it runs ({@link #start}) and a thread's last sample is
 * its CPU time: a thread that ends loses at most one sampling period. Time before the mark (start-up, rule
 * compilation: until the condition given to {@link #start} holds) and after it are told apart. On a system without {@code /proc} every figure is empty.
 */
final class ThreadCpu implements AutoCloseable {

    /** Thread groups, by the start of the thread's name as Linux keeps it (at most 15 characters). */
    static final List<Map.Entry<String, List<String>>> GROUPS = List.of(
            Map.entry("screening", List.of("Screen accounts")),
            Map.entry("tx_source", List.of("Source: transac")),
            Map.entry("kafka_fetch", List.of("Source Data Fet")),
            Map.entry("kafka_produce", List.of("kafka-producer-")),
            Map.entry("dead_letters", List.of("Kafka: dead let")),
            Map.entry("checkpoint_async", List.of("AsyncOperations")),
            Map.entry("other_tasks", List.of("Source: profile", "Source: control", "Identifier clai", "Shared identifi",
                    "Time Trigger fo", "System Time Tri")),
            Map.entry("jit", List.of("C1 CompilerThre", "C2 CompilerThre")),
            Map.entry("gc", List.of("GC Thread", "G1 ", "VM Thread", "Parallel GC", "ZGC", "GC ")));

    /** Group of the threads that match no other group (Flink runtime, JVM, benchmark threads). */
    static final String REST = "rest";

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long TICK_NANOS = 10_000_000L;   // USER_HZ = 100 on Linux
    private static final long PERIOD_MILLIS = 250;   // the sampler costs about 2 % of a core at 100 ms

    private record Seen(String group, String name, long start, long mark, long last) {
    }

    /** Threads by id and start time: Linux reuses the id of a thread that ended. */
    private final Map<String, Seen> threads = new HashMap<>();
    private final Thread sampler;
    private final java.util.function.BooleanSupplier markWhen;
    private volatile boolean running = true;
    private boolean marked;

    private ThreadCpu(java.util.function.BooleanSupplier markWhen) {
        this.markWhen = markWhen;
        sample(true);
        sampler = new Thread(this::loop, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling this JVM's threads; the first sample at which {@code markWhen} holds is the mark. */
    static ThreadCpu start(java.util.function.BooleanSupplier markWhen) {
        return new ThreadCpu(markWhen);
    }

    /** Stops sampling (after a last sample). */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(false);
    }

    /**
     * Seconds of CPU by group since the mark (or since the start, without a mark), groups in {@link #GROUPS} order
     * then {@value #REST}; empty without {@code /proc}.
     */
    synchronized Map<String, Double> sinceMark() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (threads.isEmpty()) {
            return out;
        }
        GROUPS.forEach(g -> out.put(g.getKey(), 0.0));
        out.put(REST, 0.0);
        threads.values().forEach(s -> out.merge(s.group(), (s.last() - (marked ? s.mark() : s.start())) / 1e9, Double::sum));
        return out;
    }

    /** The names of the {@value #REST} threads that used most CPU since the mark, with their seconds, most first. */
    synchronized String restTop(int n) {
        Map<String, Double> byName = new HashMap<>();
        threads.values().stream().filter(s -> REST.equals(s.group()))
                .forEach(s -> byName.merge(s.name(), (s.last() - (marked ? s.mark() : s.start())) / 1e9, Double::sum));
        StringBuilder b = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f s", e.getValue())));
        return b.toString();
    }

    /** Seconds of CPU of all sampled threads from the start to the mark. */
    synchronized double beforeMark() {
        return threads.values().stream().mapToLong(s -> (marked ? s.mark() : s.last()) - s.start()).sum() / 1e9;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample(false);
        }
    }

    private synchronized void sample(boolean first) {
        boolean markNow = !marked && !first && markWhen.getAsBoolean();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(t -> {
                String[] stat = stat(t);
                if (stat == null) {
                    return;
                }
                String[] fields = stat[1].split(" ");
                String tid = t.getFileName() + "@" + fields[19];   // starttime, field 22 of stat
                long cpu = cpuNanos(fields);
                Seen s = threads.get(tid);
                if (s == null) {
                    // a thread born since the last sample started from zero; the first sample's threads from now
                    long start = first ? cpu : 0;
                    s = new Seen(group(stat[0]), stat[0], start, start, cpu);
                }
                // the name now: a thread may be renamed after it started (a task thread is named once its task runs)
                threads.put(tid, new Seen(group(stat[0]), stat[0], s.start(), markNow ? cpu : s.mark(), cpu));
            });
        } catch (IOException | RuntimeException e) {
            return;   // no /proc (not Linux): no figures
        }
        if (markNow) {
            marked = true;
        }
    }

    /** The thread's name and the rest of its stat line after the name, or null if it ended meanwhile. */
    private static String[] stat(Path task) {
        try {
            String line = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            return new String[] {line.substring(open + 1, close), line.substring(close + 2)};
        } catch (IOException e) {
            return null;
        }
    }

    /** User + system time from the fields after the name: state is field 3 of stat, utime 14, stime 15. */
    private static long cpuNanos(String[] f) {
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    }

    static String group(String threadName) {
        for (Map.Entry<String, List<String>> g : GROUPS) {
            for (String prefix : g.getValue()) {
                if (threadName.startsWith(prefix)) {
                    return g.getKey();
                }
            }
        }
        return REST;
    }
}
