package org.htscreen.workbench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run on standard error: on a terminal a bar redrawn in place with rate and ETA, otherwise a
 * plain line every few seconds; or nothing. The ETA comes from the share of input bytes read.
 */
public final class Progress {

    /** How progress is shown. */
    public enum Mode { AUTO, BAR, PLAIN, NONE }

    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final long BAR_EVERY_NANOS = 200_000_000L;

    private final Mode mode;
    private final PrintStream out;
    private final String what;
    private final String unit;
    private final long totalBytes;
    private final LongSupplier bytesDone;
    private final long started = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastShown = started;
    private boolean drawn;

    private Progress(Mode mode, PrintStream out, String what, String unit, long totalBytes, LongSupplier bytesDone) {
        this.mode = mode;
        this.out = out;
        this.what = what;
        this.unit = unit;
        this.totalBytes = totalBytes;
        this.bytesDone = bytesDone;
    }

    /** Resolves AUTO: a bar when standard error is a terminal (a console is attached), else plain lines. */
    public static Mode resolve(Mode m) {
        if (m != Mode.AUTO) {
            return m;
        }
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"))
                ? Mode.BAR : Mode.PLAIN;
    }

    public static Progress start(Mode mode, PrintStream out, String what, String unit, long totalBytes,
            LongSupplier bytesDone) {
        return new Progress(resolve(mode), out, what, unit, totalBytes, bytesDone);
    }

    public static Progress none() {
        return new Progress(Mode.NONE, System.err, "", "", 0, () -> 0);
    }

    /** Counts one record; cheap enough to call per record. */
    public void tick() {
        long c = count.incrementAndGet();
        if ((c & 0x3FF) == 0 && mode != Mode.NONE) {
            long now = System.nanoTime();
            if (now - lastShown >= (mode == Mode.BAR ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
                synchronized (this) {
                    if (now - lastShown >= (mode == Mode.BAR ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
                        lastShown = now;
                        show(now, false);
                    }
                }
            }
        }
    }

    /** Redraws now if it is time (for work that does not tick per record). */
    public synchronized void update() {
        if (mode != Mode.NONE) {
            long now = System.nanoTime();
            if (now - lastShown >= (mode == Mode.BAR ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
                lastShown = now;
                show(now, false);
            }
        }
    }

    public long count() {
        return count.get();
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Final line (bar completed, or a plain "done" line). */
    public synchronized void finish() {
        if (mode != Mode.NONE) {
            show(System.nanoTime(), true);
        }
    }

    private void show(long now, boolean done) {
        double secs = Math.max(1e-9, (now - started) / 1e9);
        long count = this.count.get();
        double rate = count / secs;
        double frac = done ? 1.0 : totalBytes <= 0 ? 0 : Math.min(1.0, bytesDone.getAsLong() / (double) totalBytes);
        String eta = done ? "done in " + duration(secs) : frac <= 0 ? "ETA ?" : "ETA " + duration(secs * (1 - frac) / frac);
        String stats = String.format(Locale.ROOT, "%,d %s  %s/s  %s", count, unit, human(rate), eta);
        if (mode == Mode.BAR) {
            int width = 30;
            int filled = (int) Math.round(frac * width);
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            out.print(String.format(Locale.ROOT, "\r%s [%s] %3d%%  %s\u001b[K", what, bar, Math.round(frac * 100), stats));
            drawn = true;
            if (done) {
                out.println();
            }
        } else {
            out.println(String.format(Locale.ROOT, "%s: %3d%%  %s", what, Math.round(frac * 100), stats));
        }
        out.flush();
    }

    /** Ends a bar line early (before printing something else). */
    public synchronized void interrupt() {
        if (drawn && mode == Mode.BAR) {
            out.println();
            drawn = false;
        }
    }

    static String human(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }

    static String duration(double secs) {
        long s = Math.round(secs);
        if (s < 60) {
            return secs < 10 ? String.format(Locale.ROOT, "%.1fs", secs) : s + "s";
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
