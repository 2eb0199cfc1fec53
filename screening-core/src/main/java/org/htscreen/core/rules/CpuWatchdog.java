package org.htscreen.core.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.kie.api.runtime.KieSession;

/**
 * Halts a rule evaluation once the evaluating thread has spent its time limit in CPU time. One watchdog per
 * {@link RuleSession} (one evaluating thread), re-armed for every evaluation; one shared daemon thread checks the
 * running evaluations. Arming and disarming cost a read of the thread's CPU time and two writes: nothing is
 * scheduled or cancelled per evaluation (ADR 0022). The checking thread looks at an evaluation at least every half
 * of the smallest limit and, once less than that is left, exactly when the rest could be used up, so an evaluation
 * is halted as soon after reaching its limit as before. A thread that waits (for a core, a garbage collection) is
 * not overrunning. Where the JVM measures no thread CPU time, wall-clock time counts.
 */
final class CpuWatchdog {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    private static final Checker CHECKER = new Checker();

    private volatile long limitNanos;
    /** Odd while an evaluation runs; each start and stop adds one. Written only by the evaluating thread. */
    private volatile long evaluation;
    private long threadId;
    private long start;
    private KieSession session;
    private volatile boolean overran;

    CpuWatchdog(Duration limit) {
        limit(limit);
        CHECKER.register(this);
    }

    void limit(Duration limit) {
        this.limitNanos = limit.toNanos();
        CHECKER.limitChanged();
    }

    /** Starts watching the evaluation the current thread is about to run on {@code session}. */
    void start(KieSession session) {
        this.session = session;
        this.threadId = Thread.currentThread().getId();
        this.overran = false;
        this.start = now();
        evaluation++;   // volatile: publishes the fields above to the checking thread
    }

    /** Stops watching: after it returns, the session is never halted by this watchdog. */
    synchronized void stop() {
        evaluation++;
    }

    /** Whether the last evaluation was halted for overrunning its limit. */
    boolean overran() {
        return overran;
    }

    /** No more evaluations: the checking thread forgets this watchdog. */
    void close() {
        CHECKER.unregister(this);
    }

    private long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Nanoseconds left before the running evaluation reaches its limit (halting it when none are), or
     * {@link Long#MAX_VALUE} when no evaluation runs.
     */
    private long check() {
        long seen = evaluation;
        if ((seen & 1) == 0) {
            return Long.MAX_VALUE;
        }
        long began = start;
        long limit = limitNanos;
        long id = threadId;
        if (evaluation != seen) {
            return 0;   // another evaluation started meanwhile: look again at once
        }
        long now = CPU_TIME ? THREADS.getThreadCpuTime(id) : System.nanoTime();
        long spent = now < 0 ? limit : now - began;   // -1: the thread is gone
        if (spent < limit) {
            return limit - spent;
        }
        synchronized (this) {
            if (evaluation == seen) {
                overran = true;
                session.halt();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The shared daemon thread that checks every registered watchdog. */
    private static final class Checker implements Runnable {
        private static final long AFTER_ERROR_NANOS = 10_000_000L;
        private final List<WeakReference<CpuWatchdog>> watched = new ArrayList<>();
        private Thread thread;

        synchronized void register(CpuWatchdog w) {
            watched.add(new WeakReference<>(w));
            if (thread == null || !thread.isAlive()) {
                thread = new Thread(this, "htscreen-rule-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }

        synchronized void unregister(CpuWatchdog w) {
            watched.removeIf(r -> r.get() == null || r.get() == w);
        }

        synchronized void limitChanged() {
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }

        private synchronized List<CpuWatchdog> snapshot() {
            List<CpuWatchdog> out = new ArrayList<>(watched.size());
            for (Iterator<WeakReference<CpuWatchdog>> it = watched.iterator(); it.hasNext(); ) {
                CpuWatchdog w = it.next().get();
                if (w == null) {
                    it.remove();
                } else {
                    out.add(w);
                }
            }
            return out;
        }

        /**
         * Checks until the JVM ends. Nothing may end this thread, or every evaluation in the JVM would run without its
         * time limit: an error in one round (an OutOfMemoryError another thread caused, say) is swallowed and the next
         * round follows after {@link #AFTER_ERROR_NANOS}; {@link #register} also starts a new thread if this one died.
         */
        @Override
        public void run() {
            while (true) {
                try {
                    round();
                } catch (Throwable t) {   // NOPMD: the checker must outlive anything, even an OutOfMemoryError
                    LockSupport.parkNanos(this, AFTER_ERROR_NANOS);
                }
            }
        }

        private void round() {
            List<CpuWatchdog> all = snapshot();
            long wait = Long.MAX_VALUE;
            for (CpuWatchdog w : all) {
                wait = Math.min(wait, Math.min(w.limitNanos / 2, w.check()));
            }
            if (all.isEmpty()) {
                LockSupport.park(this);   // until a watchdog registers
            } else if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }
}
