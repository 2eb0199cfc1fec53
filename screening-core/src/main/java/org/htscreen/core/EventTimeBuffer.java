package org.htscreen.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.htscreen.avro.Transaction;

/**
 * Holds transactions back until no earlier one can still arrive within the allowed lateness, then releases
 * them in event-time order (ties by transaction id). This is what makes out-of-order input within the
 * lateness give the same results as ordered input. A transaction later than the lateness is released at once
 * (and screened against the history as it then is).
 */
public final class EventTimeBuffer {

    private static final Comparator<Transaction> ORDER = Comparator
            .comparing((Transaction t) -> t.getEventTime()).thenComparing(Transaction::getTxId);

    private final long latenessMillis;
    private final PriorityQueue<Transaction> queue = new PriorityQueue<>(ORDER);
    private long maxSeen = Long.MIN_VALUE;

    public EventTimeBuffer(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    /** Adds a transaction and returns those that are now safe to screen, in order. */
    public List<Transaction> offer(Transaction tx) {
        maxSeen = Math.max(maxSeen, tx.getEventTime().toEpochMilli());
        queue.add(tx);
        long watermark = maxSeen - latenessMillis;
        List<Transaction> ready = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().getEventTime().toEpochMilli() <= watermark) {
            ready.add(queue.poll());
        }
        return ready;
    }

    /** Releases everything still held, in order. */
    public List<Transaction> drain() {
        List<Transaction> ready = new ArrayList<>(queue.size());
        while (!queue.isEmpty()) {
            ready.add(queue.poll());
        }
        return ready;
    }

    public int size() {
        return queue.size();
    }
}
