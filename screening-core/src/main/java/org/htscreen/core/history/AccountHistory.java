package org.htscreen.core.history;

import java.util.Comparator;
import java.util.List;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;

/**
 * The time-ordered transaction history of one account, kept inside its {@link AccountState}. Bounded: entries
 * older than the retention window are dropped, and beyond the count limit the oldest go first.
 *
 * <p>Size: one entry holds about 15 fields; on the heap it takes about 300–450 bytes (strings dominate). Stored
 * ({@code AccountStates.toBytes}) the whole state of an account took 2,716 bytes on average in the v1 form (ADR 0009,
 * columns with a per-account string dictionary) and takes 1,898 bytes in the v2 form (ADR 0021, entries referring
 * to shared shapes) on the benchmark's states after 90 days of sample traffic (83 entries each); a transaction id
 * that shares no prefix with the previous one (a UUID) adds its length. With the defaults (90 days, at most 400
 * entries) an account's history stays below about 180 KB on the heap; a typical retail account with two
 * transactions a day holds about 180 entries.
 */
public final class AccountHistory {

    /** Order of entries: event time, then transaction id (so equal times replay the same way). */
    public static final Comparator<HistoryEntry> ORDER =
            Comparator.comparingLong(HistoryEntry::getTime).thenComparing(HistoryEntry::getTxId);

    private AccountHistory() {
    }

    /**
     * Inserts an entry at its place in time. A replay (the same transaction id at the same event time) is
     * recognised and ignored. Cost: constant for input in event-time order, linear in the number of later
     * entries otherwise.
     *
     * @return false when the transaction is already there, in which case nothing changes
     */
    public static boolean add(AccountState state, HistoryEntry entry) {
        HistoryList h = mutable(state);
        int pos = h.size();
        while (pos > 0 && h.get(pos - 1).getTime() > entry.getTime()) {
            pos--;
        }
        for (int i = pos - 1; i >= 0 && h.get(i).getTime() == entry.getTime(); i--) {
            if (h.get(i).getTxId().equals(entry.getTxId())) {
                return false;
            }
        }
        while (pos > 0 && ORDER.compare(h.get(pos - 1), entry) > 0) {
            pos--;
        }
        h.add(pos, entry);
        return true;
    }

    /**
     * Drops entries older than {@code now - retentionMillis}, then the oldest beyond {@code maxEntries}, then the
     * oldest until the rest fits in {@code maxBytes} (as {@link #estimatedBytes} counts them). Cost: linear in the
     * number of entries dropped (the history's byte total is kept by {@link HistoryList}).
     */
    public static void prune(AccountState state, long now, long retentionMillis, int maxEntries, long maxBytes) {
        HistoryList h = mutable(state);
        long cutoff = now - retentionMillis;
        int drop = 0;
        while (drop < h.size() && h.get(drop).getTime() < cutoff) {
            drop++;
        }
        drop = Math.max(drop, h.size() - maxEntries);
        if (drop > 0) {
            h.subList(0, drop).clear();
        }
        // the longest run of newest entries that fits the budget: drop the oldest while the rest does not fit
        while (!h.isEmpty() && h.estimatedBytes() > maxBytes) {
            h.remove(0);
        }
    }

    /**
     * Heap bytes of an entry as the history budget counts them: a fixed part for the record and its numbers, and
     * two bytes per character of its text fields (an upper bound for Java's compact strings).
     */
    public static long estimatedBytes(HistoryEntry e) {
        return ENTRY_FIXED_BYTES + 2L * (len(e.getTxId()) + len(e.getMcc()) + len(e.getCounterparty())
                + len(e.getCountry()) + len(e.getTerminalId()) + len(e.getTown()) + len(e.getConductor())
                + len(e.getRefundOf()) + len(e.getPassenger()) + len(e.getDeviceId()));
    }

    private static final int ENTRY_FIXED_BYTES = 96;

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    private static HistoryList mutable(AccountState state) {
        if (state.getHistory() instanceof HistoryList h) {
            return h;
        }
        HistoryList h = new HistoryList(state.getHistory());
        state.setHistory(h);
        return h;
    }
}
