package org.htscreen.core.history;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;
import org.htscreen.avro.HistoryEntry;

/**
 * The list an account's history lives in while the engine works on it: an array whose live part starts at a moving
 * offset, so that dropping the oldest entries ({@code subList(0, k).clear()}, as pruning does on every transaction)
 * costs O(k) instead of shifting every later entry, and appending costs O(1) amortised (the free front is reclaimed
 * when the array is full, at most once per as many drops as there are entries). It also keeps the total of
 * {@link AccountHistory#estimatedBytes} over its entries, each entry's share taken when it enters, so that the
 * history's byte budget is checked in O(1). It counts the hash codes of its entries' transaction ids too, so that
 * whether an id is carried by another entry ({@link #idCarriers}) is answered without a scan.
 *
 * <p>Positions: every entry has an absolute position, {@link #offset()} plus its index, that stays the same while
 * entries are appended in time order at the end and removed from the front. Any other change (an insertion before
 * the last entry, a replacement, a removal in the middle) starts a new {@link #epoch()}, and whoever derived values
 * from the entries (the feature calculators' window folds, which keep them in {@link #derived()}) must derive them
 * again. Neither the positions nor the derived values are stored.
 *
 * <p>Any host may still put an ordinary list into the state (a decoded or copied state); {@link AccountHistory}
 * turns it into this one on first change.
 */
public final class HistoryList extends AbstractList<HistoryEntry> implements RandomAccess {

    private static final int MIN_CAPACITY = 8;

    private HistoryEntry[] entries;
    /** Estimated bytes of each entry, parallel to {@link #entries}. */
    private int[] bytesOf;
    /** Hash code of each entry's transaction id as it entered, parallel to {@link #entries}. */
    private int[] idHashOf;
    private int start;
    private int size;
    private long bytes;
    /** Absolute position of the first entry. */
    private long offset;
    private long epoch;
    /** {@code modCount} after the last change this class vouches for (an append in time order, a front removal). */
    private int trustedMods;
    /** What a reader derived from the entries (not stored, not copied); null at first. */
    private Object derived;
    /** Hash codes of the entries' transaction ids, kept with every change. */
    private final HashCounts idHashes = new HashCounts();

    /** An empty history. */
    public HistoryList() {
        this.entries = new HistoryEntry[MIN_CAPACITY];
        this.bytesOf = new int[MIN_CAPACITY];
        this.idHashOf = new int[MIN_CAPACITY];
    }

    /** A history holding the given entries in their order. */
    public HistoryList(Collection<HistoryEntry> from) {
        int n = Math.max(MIN_CAPACITY, from.size() + from.size() / 4);
        this.entries = new HistoryEntry[n];
        this.bytesOf = new int[n];
        this.idHashOf = new int[n];
        for (HistoryEntry e : from) {
            add(e);
        }
    }

    /** Absolute position of the first entry: the number of entries ever removed from the front. */
    public long offset() {
        return offset;
    }

    /** Changes when the list changed other than by appends in time order and removals from the front. */
    public long epoch() {
        if (modCount != trustedMods) {
            epoch++;
            trustedMods = modCount;
        }
        return epoch;
    }

    /** What a reader derived from the entries and keeps with the list (not stored, not copied); null at first. */
    public Object derived() {
        return derived;
    }

    /** Keeps a value derived from the entries with the list. */
    public void derived(Object value) {
        derived = value;
    }

    /**
     * How many entries carry a transaction id with the same hash code as the given id, counting no further than
     * {@code atMost}: an upper bound of the entries carrying the id (exact unless two ids share a hash code), in O(1)
     * without touching an entry. 0 says for certain that no entry carries it, 1 that at most one does.
     */
    public int idCarriers(String txId, int atMost) {
        return idHashes.count(idHash(txId), atMost);
    }

    /** Total of {@link AccountHistory#estimatedBytes} over the entries, as counted when each entered. */
    public long estimatedBytes() {
        return bytes;
    }

    @Override
    public HistoryEntry get(int index) {
        Objects.checkIndex(index, size);
        return entries[start + index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public HistoryEntry set(int index, HistoryEntry e) {
        Objects.checkIndex(index, size);
        int i = start + index;
        HistoryEntry old = entries[i];
        epoch();
        epoch++;   // a replaced entry: derived values no longer follow
        int b = weigh(e);
        bytes += b - bytesOf[i];
        idHashes.remove(idHashOf[i]);
        entries[i] = e;
        bytesOf[i] = b;
        idHashOf[i] = idHash(e);
        idHashes.add(idHashOf[i]);
        return old;
    }

    @Override
    public boolean add(HistoryEntry e) {
        add(size, e);
        return true;
    }

    @Override
    public void add(int index, HistoryEntry e) {
        Objects.checkIndex(index, size + 1);
        boolean trusted = modCount == trustedMods && index == size
                && (size == 0 || entries[start + size - 1].getTime() <= e.getTime());
        if (start + size == entries.length) {
            makeRoom();
        }
        int i = start + index;
        int tail = size - index;
        if (tail > 0) {
            System.arraycopy(entries, i, entries, i + 1, tail);
            System.arraycopy(bytesOf, i, bytesOf, i + 1, tail);
            System.arraycopy(idHashOf, i, idHashOf, i + 1, tail);
        }
        int b = weigh(e);
        entries[i] = e;
        bytesOf[i] = b;
        bytes += b;
        idHashOf[i] = idHash(e);
        idHashes.add(idHashOf[i]);
        size++;
        modCount++;
        if (trusted) {
            trustedMods = modCount;
        }
    }

    @Override
    public HistoryEntry remove(int index) {
        HistoryEntry old = get(index);
        removeRange(index, index + 1);
        return old;
    }

    @Override
    public void clear() {
        removeRange(0, size);
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        int n = toIndex - fromIndex;
        if (n == 0) {
            return;
        }
        boolean trusted = modCount == trustedMods && fromIndex == 0;
        if (n == size) {
            bytes = 0;
            idHashes.clear();
        } else {
            for (int i = start + fromIndex; i < start + toIndex; i++) {
                bytes -= bytesOf[i];
                idHashes.remove(idHashOf[i]);
            }
        }
        if (fromIndex == 0) {
            Arrays.fill(entries, start, start + n, null);
            start += n;
        } else {
            int tail = size - toIndex;
            System.arraycopy(entries, start + toIndex, entries, start + fromIndex, tail);
            System.arraycopy(bytesOf, start + toIndex, bytesOf, start + fromIndex, tail);
            System.arraycopy(idHashOf, start + toIndex, idHashOf, start + fromIndex, tail);
            Arrays.fill(entries, start + size - n, start + size, null);
        }
        size -= n;
        if (size == 0) {
            start = 0;
        }
        modCount++;
        if (trusted) {
            offset += n;
            trustedMods = modCount;
        }
    }

    /** The array is full at its end: move the entries to the front when at least a quarter is free there, else grow. */
    private void makeRoom() {
        if (start > 0 && start >= entries.length / 4) {
            System.arraycopy(entries, start, entries, 0, size);
            System.arraycopy(bytesOf, start, bytesOf, 0, size);
            System.arraycopy(idHashOf, start, idHashOf, 0, size);
            Arrays.fill(entries, size, start + size, null);
        } else {
            int n = Math.max(MIN_CAPACITY, entries.length * 2);
            HistoryEntry[] grown = new HistoryEntry[n];
            int[] grownBytes = new int[n];
            int[] grownIdHashes = new int[n];
            System.arraycopy(entries, start, grown, 0, size);
            System.arraycopy(bytesOf, start, grownBytes, 0, size);
            System.arraycopy(idHashOf, start, grownIdHashes, 0, size);
            entries = grown;
            bytesOf = grownBytes;
            idHashOf = grownIdHashes;
        }
        start = 0;
    }

    private static int idHash(HistoryEntry e) {
        return idHash(e.getTxId());
    }

    private static int idHash(String txId) {
        return txId == null ? 0 : txId.hashCode();
    }

    private static int weigh(HistoryEntry e) {
        return (int) Math.min(Integer.MAX_VALUE, AccountHistory.estimatedBytes(e));
    }
}
