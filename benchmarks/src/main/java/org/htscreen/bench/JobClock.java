package org.htscreen.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.functions.MapFunction;
import org.htscreen.avro.Transaction;

/**
 * A pass-through tap on the job's decoded transactions that notes when the first one arrived and counts them.
 * The job runs on a local environment in this JVM, so the tap's static counters are this JVM's: one run at a time.
 */
final class JobClock implements MapFunction<Transaction, Transaction> {

    private static final long serialVersionUID = 1L;

    private static final AtomicLong FIRST_NANOS = new AtomicLong(Long.MAX_VALUE);
    private static final LongAdder COUNT = new LongAdder();

    static void reset() {
        FIRST_NANOS.set(Long.MAX_VALUE);
        COUNT.reset();
    }

    /** {@link System#nanoTime()} of the first decoded transaction, or {@code Long.MAX_VALUE} before it. */
    static long firstNanos() {
        return FIRST_NANOS.get();
    }

    static long count() {
        return COUNT.sum();
    }

    @Override
    public Transaction map(Transaction t) {
        if (FIRST_NANOS.get() == Long.MAX_VALUE) {
            FIRST_NANOS.compareAndSet(Long.MAX_VALUE, System.nanoTime());
        }
        COUNT.increment();
        return t;
    }
}
