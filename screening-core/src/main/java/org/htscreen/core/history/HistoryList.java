package org.htscreen.core.history;

import java.util.ArrayList;
import java.util.Collection;
import org.htscreen.avro.HistoryEntry;

/**
 * The history list of an account state while the engine works on it (see {@link AccountHistory}): an
 * {@link ArrayList} that knows whether it changed only at its ends, and carries a transient cache of values derived
 * from its entries (the feature calculators' window folds, ADR 0020).
 *
 * <p>Positions: every entry has an absolute position, {@link #offset()} plus its index, that stays the same while
 * entries are appended at the end and removed from the front. Any other change (an insertion before the last entry,
 * a replacement, a removal in the middle, a sort) starts a new {@link #epoch()}, and whoever derived values from the
 * entries must derive them again. The stored form does not change: the state's serializer writes the entries, and a
 * state read back holds a plain list without the cache, which the engine replaces by a new {@code HistoryList}.
 */
public final class HistoryList extends ArrayList<HistoryEntry> {

    private static final long serialVersionUID = 1L;

    private long offset;
    private long epoch;
    /** {@code modCount} after the last change this class vouches for (an append in time order, a front removal). */
    private int trustedMods;
    private transient Object derived;

    public HistoryList() {
    }

    public HistoryList(Collection<HistoryEntry> entries) {
        super(entries);
    }

    /** Absolute position of the first entry. */
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

    public void derived(Object value) {
        derived = value;
    }

    @Override
    public boolean add(HistoryEntry e) {
        boolean trusted = modCount == trustedMods && (isEmpty() || get(size() - 1).getTime() <= e.getTime());
        super.add(e);
        if (trusted) {
            trustedMods = modCount;
        }
        return true;
    }

    @Override
    public void add(int index, HistoryEntry e) {
        if (index == size()) {
            add(e);
        } else {
            super.add(index, e);
        }
    }

    @Override
    public HistoryEntry set(int index, HistoryEntry e) {
        epoch();
        epoch++;
        return super.set(index, e);
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        boolean trusted = modCount == trustedMods && fromIndex == 0;
        super.removeRange(fromIndex, toIndex);
        if (trusted) {
            offset += toIndex;
            trustedMods = modCount;
        }
    }
}
