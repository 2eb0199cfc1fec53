package org.htscreen.core.state;

/**
 * How single values of a history entry are stored compactly: tx ids against the previous id, local time as an
 * offset from UTC, amounts in whole cents. Each compact form is used only where it gives the value back exactly.
 */
final class EntryValues {

    /** No offset from UTC gives the entry's local day and minute back. */
    static final long NO_OFFSET = Long.MIN_VALUE;
    /** The amount is not a whole number of cents that gives it back exactly. */
    static final long NOT_CENTS = Long.MIN_VALUE;

    static final long MINUTE_MILLIS = 60_000L;
    static final int DAY_MINUTES = 1_440;
    private static final double CENTS_PER_UNIT = 100.0;

    private EntryValues() {
    }

    /** How many leading chars {@code id} shares with {@code previous}, never ending inside a surrogate pair. */
    static int sharedPrefix(String previous, String id) {
        int max = Math.min(previous.length(), id.length());
        int k = 0;
        while (k < max && previous.charAt(k) == id.charAt(k)) {
            k++;
        }
        if (k > 0 && k < id.length() && Character.isHighSurrogate(id.charAt(k - 1))) {
            k--;
        }
        return k;
    }

    /** The id made of the first {@code shared} chars of {@code previous} and {@code suffix}. */
    static String joined(String previous, int shared, String suffix) {
        if (shared < 0 || shared > previous.length()) {
            throw StoredStates.corrupt("txIdShared " + shared + " with a previous id of " + previous.length() + " chars");
        }
        return shared == 0 ? suffix : previous.substring(0, shared).concat(suffix);
    }

    /** The local time's offset from UTC in minutes, or {@link #NO_OFFSET} when none gives day and minute back. */
    static long utcOffset(long time, int localDay, int localMinute) {
        long offset = localDay * (long) DAY_MINUTES + localMinute - Math.floorDiv(time, MINUTE_MILLIS);
        if (offset != (int) offset) {
            return NO_OFFSET;
        }
        long local = localMinuteOfEpoch(time, (int) offset);
        return Math.floorDiv(local, DAY_MINUTES) == localDay && Math.floorMod(local, DAY_MINUTES) == localMinute
                ? offset : NO_OFFSET;
    }

    /** The local minute of the epoch at {@code time} with an offset from UTC. */
    static long localMinuteOfEpoch(long time, int utcOffset) {
        return Math.floorDiv(time, MINUTE_MILLIS) + utcOffset;
    }

    /** Local day (days since 1970-01-01) of a local minute of the epoch. */
    static int localDay(long localMinuteOfEpoch) {
        return (int) Math.floorDiv(localMinuteOfEpoch, DAY_MINUTES);
    }

    /** Minute of the day (0-1439) of a local minute of the epoch. */
    static int localMinute(long localMinuteOfEpoch) {
        return (int) Math.floorMod(localMinuteOfEpoch, DAY_MINUTES);
    }

    /** The amount in whole cents, or {@link #NOT_CENTS} when {@code cents / 100.0} does not give it back exactly. */
    static long cents(double amount) {
        long cents = Math.round(amount * CENTS_PER_UNIT);
        return cents != NOT_CENTS && Double.doubleToRawLongBits(amount(cents)) == Double.doubleToRawLongBits(amount)
                ? cents : NOT_CENTS;
    }

    /** The amount of a number of cents. */
    static double amount(long cents) {
        return cents / CENTS_PER_UNIT;
    }
}
