package org.htscreen.core.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;

/**
 * Halts one rule evaluation once the evaluating thread has spent its time limit in CPU time. The check runs on one
 * shared daemon thread: when the limit has passed in wall-clock time it looks at the thread's CPU time and, if the
 * thread was waiting (for a core, a garbage collection), checks again when the rest of the limit could be used up.
 * Where the JVM measures no thread CPU time, wall-clock time counts.
 */
final class CpuWatchdog implements Runnable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "htscreen-rule-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private final KieSession session;
    private final long threadId;
    private final long limitNanos;
    private final long start;
    private boolean stopped;
    private volatile boolean overran;
    private ScheduledFuture<?> check;

    private CpuWatchdog(KieSession session, Duration limit) {
        this.session = session;
        this.threadId = Thread.currentThread().getId();
        this.limitNanos = limit.toNanos();
        this.start = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Starts watching the evaluation the current thread is about to run on {@code session}. */
    static CpuWatchdog start(KieSession session, Duration limit) {
        CpuWatchdog w = new CpuWatchdog(session, limit);
        synchronized (w) {
            w.check = TIMER.schedule(w, w.limitNanos, TimeUnit.NANOSECONDS);
        }
        return w;
    }

    private long spent() {
        long now = CPU_TIME ? THREADS.getThreadCpuTime(threadId) : System.nanoTime();
        return now < 0 ? limitNanos : now - start;   // -1: the thread is gone
    }

    @Override
    public synchronized void run() {
        if (stopped) {
            return;
        }
        long spent = spent();
        if (spent >= limitNanos) {
            overran = true;
            session.halt();
        } else {
            check = TIMER.schedule(this, limitNanos - spent, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops watching: after it returns, the session is never halted by this watchdog. */
    synchronized void stop() {
        stopped = true;
        check.cancel(false);
    }

    /** Whether the evaluation was halted for overrunning its limit. */
    boolean overran() {
        return overran;
    }
}
