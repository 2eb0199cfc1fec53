package org.htscreen.core.history;

/**
 * A multiset of {@code int} hash codes: how many of the values put in share a hash code, answered without looking at
 * the values. Open addressing with linear probing in one {@code int[]}; a hash code is kept once per value put in,
 * and removal shifts the rest of its probe run back (no tombstones), so a count costs a probe run whatever happened
 * before. Hash code 0 is kept as 1 (slot value 0 means empty): the counts are an upper bound per hash code, which is
 * all a reader may take from them anyway.
 */
final class HashCounts {

    private static final int MIN_SLOTS = 16;

    private int[] slots = new int[MIN_SLOTS];
    private int size;

    /** Counts one more value with this hash code. */
    void add(int hash) {
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        int key = key(hash);
        int mask = slots.length - 1;
        int i = home(key, mask);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
    }

    /** Counts one value less with this hash code (one must have been added). */
    void remove(int hash) {
        int key = key(hash);
        int mask = slots.length - 1;
        int i = home(key, mask);
        while (slots[i] != key) {
            if (slots[i] == 0) {
                throw new IllegalStateException("hash code " + hash + " was not counted");
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion: move later members of the probe run into the hole when their home allows it
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int k = slots[j];
            if (k == 0) {
                break;
            }
            int h = home(k, mask);
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays) {
                slots[hole] = k;
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        if (size * 8 < slots.length && slots.length > MIN_SLOTS) {
            rehash(slots.length / 2);
        }
    }

    /** How many values with this hash code are counted, counting no further than {@code atMost}. */
    int count(int hash, int atMost) {
        int key = key(hash);
        int mask = slots.length - 1;
        int n = 0;
        for (int i = home(key, mask); slots[i] != 0 && n < atMost; i = (i + 1) & mask) {
            if (slots[i] == key) {
                n++;
            }
        }
        return n;
    }

    /** Values counted. */
    int size() {
        return size;
    }

    /** Forgets every value. */
    void clear() {
        slots = new int[MIN_SLOTS];
        size = 0;
    }

    private void rehash(int length) {
        int[] old = slots;
        slots = new int[length];
        int mask = length - 1;
        for (int k : old) {
            if (k != 0) {
                int i = home(k, mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = k;
            }
        }
    }

    private static int key(int hash) {
        return hash == 0 ? 1 : hash;
    }

    private static int home(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
