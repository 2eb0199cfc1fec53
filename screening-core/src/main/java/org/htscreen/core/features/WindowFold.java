package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.history.HistoryList;

/**
 * A sliding-window fold over an account's time-ordered history (ADR 0020): the aggregates one feature group reads
 * from the window {@code now - window < time <= now}, kept up to date as the history grows instead of rescanning the
 * window on every screened transaction.
 *
 * <p>Each entry is classified once, when it enters the window: {@link #classify} answers the classes (bits) it
 * belongs to, e.g. "credit" and "card payment". The fold keeps the classified entries in a ring, oldest first, and
 * per class a count, the distinct values of a key when asked to ({@link #distinctBy}), the EUR sum and the last
 * {@link FeatureContext#MAX_EVIDENCE} entries. Entries leave from the front when they become older than the window
 * or when the history drops them (retention, count or size budget). With input in event-time order each entry
 * enters and leaves once: O(1) amortised per transaction for counts and distinct values.
 *
 * <p>Sums are the same double as a left-to-right sum over the window's entries of the class (what the feature
 * calculators computed before): a sum is extended entry by entry while entries only arrive, and summed again over
 * the class's amounts (a loop over an array, no entry read, no predicate) after an entry left.
 *
 * <p>The fold is rebuilt from the history when it cannot be trusted: on first use, when the history changed other
 * than at its ends (an entry inserted before the last one, see {@link HistoryList#epoch()}), when the screened
 * time goes back, or when the last entry it took in is no longer where it was. When a parameter, the reference data
 * or the profile that a fold's predicates read changes, {@link #fits} answers false and a new fold is made.
 */
abstract class WindowFold {

    private static final int MAX_CLASSES = 16;

    private final long windowMillis;
    private final int classes;
    private final int[] counts;
    private final double[] sums;
    private final boolean[] sumValid;
    @SuppressWarnings("unchecked")
    private final Map<String, int[]>[] distinct = new Map[MAX_CLASSES];
    private final DistinctKey[] distinctKeys = new DistinctKey[MAX_CLASSES];

    // the ring of classified entries in the window, oldest at head
    private HistoryEntry[] entries = new HistoryEntry[8];
    private long[] positions = new long[8];
    private double[] amounts = new double[8];
    private int[] memberOf = new int[8];
    private int head;
    private int size;

    private long epoch = -1;
    private long takenTo;
    private HistoryEntry lastTaken;
    private long now = Long.MIN_VALUE;
    private int rebuilds;

    /** The key whose distinct values a class counts. */
    @FunctionalInterface
    interface DistinctKey {
        /** The entry's value, or null when it has none (not counted). */
        String of(HistoryEntry e);
    }

    /**
     * @param windowMillis the window's length, as {@link FeatureContext#window(long)} takes it
     * @param classes how many classes {@link #classify} uses (at most 16)
     */
    protected WindowFold(long windowMillis, int classes) {
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("1 to " + MAX_CLASSES + " classes, not " + classes);
        }
        this.windowMillis = windowMillis;
        this.classes = classes;
        this.counts = new int[classes];
        this.sums = new double[classes];
        this.sumValid = new boolean[classes];
    }

    /** Counts, for a class, the distinct non-null values of a key among its entries in the window. */
    protected final void distinctBy(int cls, DistinctKey key) {
        distinctKeys[cls] = key;
        distinct[cls] = new HashMap<>();
    }

    /** The classes (bit {@code 1 << c} for class c) an entry belongs to; 0 when the fold does not keep it. */
    protected abstract int classify(HistoryEntry e);

    /**
     * Sees an entry that arrived after the fold's last update but is already older than the window (never
     * classified); folds whose classification depends on earlier entries take note. Does nothing by default.
     */
    protected void skipped(HistoryEntry e) {
    }

    /** Forgets what {@link #classify} remembered of earlier entries: the fold is rebuilt. Does nothing by default. */
    protected void restart() {
    }

    /** Whether this fold still answers for the context: same window, same parameters, reference data, profile. */
    protected abstract boolean fits(FeatureContext ctx);

    protected final long windowMillis() {
        return windowMillis;
    }

    /** Entries of the class in the window. */
    final int count(int cls) {
        return counts[cls];
    }

    /** Distinct values of the class's key in the window (see {@link #distinctBy}). */
    final int distinct(int cls) {
        return distinct[cls].size();
    }

    /** EUR sum of the class's entries, added oldest first (the same double as a left-to-right loop). */
    final double sum(int cls) {
        if (!sumValid[cls]) {
            sums[cls] = sum(cls, 0);
            sumValid[cls] = true;
        }
        return sums[cls];
    }

    /** Ids of the class's last {@link FeatureContext#MAX_EVIDENCE} entries, oldest first. */
    final List<String> evidence(int cls) {
        return evidence(cls, 0);
    }

    /** Ids of the last {@link FeatureContext#MAX_EVIDENCE} entries of the class from the {@code from}-th kept entry on. */
    final List<String> evidence(int cls, int from) {
        String[] ids = new String[FeatureContext.MAX_EVIDENCE];
        int n = ids.length;
        int bit = 1 << cls;
        int mask = entries.length - 1;
        for (int i = size - 1; i >= from && n > 0; i--) {
            int k = (head + i) & mask;
            if ((memberOf[k] & bit) != 0) {
                ids[--n] = entries[k].getTxId();
            }
        }
        return new ArrayList<>(Arrays.asList(ids).subList(n, ids.length));
    }

    /** Position, among the kept entries oldest first, of the class's first entry; the number kept when none. */
    final int first(int cls) {
        int bit = 1 << cls;
        int mask = entries.length - 1;
        int i = 0;
        while (i < size && (memberOf[(head + i) & mask] & bit) == 0) {
            i++;
        }
        return i;
    }

    /** EUR sum of the class's entries from the {@code from}-th kept entry on, added oldest first. */
    final double sum(int cls, int from) {
        int bit = 1 << cls;
        double s = 0;
        int mask = entries.length - 1;
        for (int i = from; i < size; i++) {
            int k = (head + i) & mask;
            if ((memberOf[k] & bit) != 0) {
                s += amounts[k];
            }
        }
        return s;
    }

    /** Times the fold was built again from the history (the first build included). */
    final int rebuilds() {
        return rebuilds;
    }

    /**
     * Brings the fold to the context's window: takes in the entries up to now that arrived since the last call,
     * lets go of those that left, or rebuilds when the history changed in a way the fold cannot follow.
     */
    final void advance(FeatureContext ctx) {
        HistoryList history = (HistoryList) ctx.history();
        int nowIndex = ctx.nowIndex();
        long nowTime = ctx.now();
        long offset = history.offset();
        long to = offset + nowIndex;
        long e = history.epoch();
        boolean follows = e == epoch && nowTime >= now && to >= takenTo && takenTo <= offset + history.size()
                && (takenTo <= offset || history.get((int) (takenTo - 1 - offset)) == lastTaken);
        long cutoff = nowTime - windowMillis;
        long from = takenTo;
        if (!follows) {
            clear();
            epoch = e;
            rebuilds++;
            from = offset + ctx.indexAfter(cutoff);
            if (to - from > entries.length) {
                resize(Integer.highestOneBit((int) Math.min(1 << 30, to - from - 1)) << 1);
            }
        }
        for (long p = Math.max(from, offset); p < to; p++) {
            HistoryEntry entry = history.get((int) (p - offset));
            if (entry.getTime() > cutoff) {
                int member = classify(entry) & ((1 << classes) - 1);
                if (member != 0) {
                    push(entry, p, member);
                }
            } else {
                skipped(entry);
            }
        }
        takenTo = to;
        lastTaken = to > offset ? history.get((int) (to - 1 - offset)) : null;
        now = nowTime;
        int mask = entries.length - 1;
        while (size > 0 && (positions[head] < offset || entries[head].getTime() <= cutoff)) {
            leave(entries[head], memberOf[head]);
            entries[head] = null;
            head = (head + 1) & mask;
            size--;
        }
    }

    private void push(HistoryEntry e, long position, int member) {
        if (size == entries.length) {
            resize(entries.length * 2);
        }
        int k = (head + size) & (entries.length - 1);
        entries[k] = e;
        positions[k] = position;
        amounts[k] = e.getAmountEur();
        memberOf[k] = member;
        size++;
        for (int c = 0; c < classes; c++) {
            if ((member & (1 << c)) != 0) {
                counts[c]++;
                if (sumValid[c]) {
                    sums[c] += amounts[k];
                }
                if (distinctKeys[c] != null) {
                    String v = distinctKeys[c].of(e);
                    if (v != null) {
                        distinct[c].computeIfAbsent(v, x -> new int[1])[0]++;
                    }
                }
            }
        }
    }

    private void leave(HistoryEntry e, int member) {
        for (int c = 0; c < classes; c++) {
            if ((member & (1 << c)) != 0) {
                counts[c]--;
                sumValid[c] = false;
                if (distinctKeys[c] != null) {
                    String v = distinctKeys[c].of(e);
                    if (v != null) {
                        int[] n = distinct[c].get(v);
                        if (--n[0] == 0) {
                            distinct[c].remove(v);
                        }
                    }
                }
            }
        }
    }

    private void clear() {
        restart();
        Arrays.fill(entries, null);
        head = 0;
        size = 0;
        Arrays.fill(counts, 0);
        Arrays.fill(sums, 0);
        Arrays.fill(sumValid, true);
        for (Map<String, int[]> d : distinct) {
            if (d != null) {
                d.clear();
            }
        }
    }

    /** Gives the ring a new capacity (a power of two, at least its size), keeping its entries in order. */
    private void resize(int capacity) {
        int n = entries.length;
        HistoryEntry[] e2 = new HistoryEntry[capacity];
        long[] p2 = new long[capacity];
        double[] a2 = new double[capacity];
        int[] m2 = new int[capacity];
        for (int i = 0; i < size; i++) {
            int k = (head + i) & (n - 1);
            e2[i] = entries[k];
            p2[i] = positions[k];
            a2[i] = amounts[k];
            m2[i] = memberOf[k];
        }
        entries = e2;
        positions = p2;
        amounts = a2;
        memberOf = m2;
        head = 0;
    }
}
