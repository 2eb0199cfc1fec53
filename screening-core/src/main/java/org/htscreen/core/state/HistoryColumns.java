package org.htscreen.core.state;

import static org.htscreen.core.state.EntryAttributes.AMOUNT_DOUBLE;
import static org.htscreen.core.state.EntryAttributes.LOCAL_TIME_STORED;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.htscreen.avro.HistoryEntry;

/**
 * A history as the columns of {@code StoredHistory} (StoredAccountState.avsc, where each column is documented):
 * built from the entries and written with an Avro encoder, or read with an Avro decoder and turned back into
 * equal entries.
 */
final class HistoryColumns {

    private int count;
    private String[] strings;
    private int[] txIdShared;
    private String[] txIdSuffix;
    private long[] timeDelta;
    private int[] attributes;
    private int[] present;
    private int[] utcOffsetDelta;
    private int offsets;
    private int[] localDay;
    private int[] localMinute;
    private int localTimes;
    private long[] cents;
    private int centAmounts;
    private double[] amountEur;
    private int doubleAmounts;
    private int[][] refs;
    private int[] refCounts;
    private int[] flags;

    private HistoryColumns() {
    }

    /** The columns of a history (oldest first). */
    static HistoryColumns of(List<HistoryEntry> history) {
        HistoryColumns c = new HistoryColumns();
        int n = history.size();
        c.count = n;
        c.txIdShared = new int[n];
        c.txIdSuffix = new String[n];
        c.timeDelta = new long[n];
        c.attributes = new int[n];
        c.present = new int[n];
        c.utcOffsetDelta = new int[n];
        c.localDay = new int[n];
        c.localMinute = new int[n];
        c.cents = new long[n];
        c.amountEur = new double[n];
        c.refs = new int[EntryString.ALL.length][n];
        c.refCounts = new int[EntryString.ALL.length];
        c.flags = new int[n];
        StringDictionary dictionary = new StringDictionary();
        String previousId = "";
        long previousTime = 0;
        int previousOffset = 0;
        for (int i = 0; i < n; i++) {
            HistoryEntry e = history.get(i);
            String id = Objects.requireNonNull(e.getTxId(), "HistoryEntry.txId");
            int shared = EntryValues.sharedPrefix(previousId, id);
            c.txIdShared[i] = shared;
            c.txIdSuffix[i] = id.substring(shared);
            previousId = id;
            c.timeDelta[i] = e.getTime() - previousTime;
            previousTime = e.getTime();

            int storage = 0;
            long offset = EntryValues.utcOffset(e.getTime(), e.getLocalDay(), e.getLocalMinute());
            if (offset == EntryValues.NO_OFFSET) {
                storage |= LOCAL_TIME_STORED;
                c.localDay[c.localTimes] = e.getLocalDay();
                c.localMinute[c.localTimes++] = e.getLocalMinute();
            } else {
                c.utcOffsetDelta[c.offsets++] = (int) offset - previousOffset;
                previousOffset = (int) offset;
            }
            long cents = EntryValues.cents(e.getAmountEur());
            if (cents == EntryValues.NOT_CENTS) {
                storage |= AMOUNT_DOUBLE;
                c.amountEur[c.doubleAmounts++] = e.getAmountEur();
            } else {
                c.cents[c.centAmounts++] = cents;
            }
            c.attributes[i] = EntryAttributes.of(e, storage);
            for (EntryString s : EntryString.ALL) {
                String value = s.get(e);
                if (value != null) {
                    c.present[i] |= s.bit();
                    int k = s.ordinal();
                    c.refs[k][c.refCounts[k]++] = dictionary.ref(value);
                }
            }
            c.flags[i] = e.getFlags();
        }
        c.strings = dictionary.strings().toArray(new String[0]);
        return c;
    }

    /** Writes the columns in the order of their schema. */
    void write(Encoder out) throws IOException {
        AvroArrays.writeStrings(out, Arrays.asList(strings));
        AvroArrays.writeInts(out, txIdShared, count);
        AvroArrays.writeStrings(out, Arrays.asList(txIdSuffix));
        AvroArrays.writeLongs(out, timeDelta, count);
        AvroArrays.writeInts(out, attributes, count);
        AvroArrays.writeInts(out, present, count);
        AvroArrays.writeInts(out, utcOffsetDelta, offsets);
        AvroArrays.writeInts(out, localDay, localTimes);
        AvroArrays.writeInts(out, localMinute, localTimes);
        AvroArrays.writeLongs(out, cents, centAmounts);
        AvroArrays.writeDoubles(out, amountEur, doubleAmounts);
        for (int k = 0; k < refs.length; k++) {
            AvroArrays.writeInts(out, refs[k], refCounts[k]);
        }
        AvroArrays.writeInts(out, flags, count);
    }

    /**
     * Reads the columns in the order of their schema; no column may hold more values than {@code maxValues}.
     *
     * @throws IllegalArgumentException when columns disagree in length or values are out of range
     */
    static HistoryColumns read(Decoder in, int maxValues) throws IOException {
        HistoryColumns c = new HistoryColumns();
        c.strings = AvroArrays.readStrings(in, 0, maxValues, "strings");
        c.txIdShared = AvroArrays.readInts(in, 0, maxValues, "txIdShared");
        int n = c.txIdShared.length;
        c.count = n;
        c.txIdSuffix = AvroArrays.readStrings(in, n, n, "txIdSuffix");
        c.timeDelta = AvroArrays.readLongs(in, n, n, "timeDelta");
        c.attributes = AvroArrays.readInts(in, n, n, "attributes");
        c.present = AvroArrays.readInts(in, n, n, "present");
        for (int p : c.present) {
            if ((p & ~EntryString.ALL_BITS) != 0) {
                throw StoredStates.corrupt("present has unknown bits " + Integer.toHexString(p));
            }
        }
        int localTimes = countWith(c.attributes, LOCAL_TIME_STORED);
        int offsets = n - localTimes;
        int doubleAmounts = countWith(c.attributes, AMOUNT_DOUBLE);
        int centAmounts = n - doubleAmounts;
        c.utcOffsetDelta = AvroArrays.readInts(in, offsets, offsets, "utcOffsetDelta");
        c.localDay = AvroArrays.readInts(in, localTimes, localTimes, "localDay");
        c.localMinute = AvroArrays.readInts(in, localTimes, localTimes, "localMinute");
        c.cents = AvroArrays.readLongs(in, centAmounts, centAmounts, "cents");
        c.amountEur = AvroArrays.readDoubles(in, doubleAmounts, doubleAmounts, "amountEur");
        c.refs = new int[EntryString.ALL.length][];
        for (EntryString s : EntryString.ALL) {
            int values = countWith(c.present, s.bit());
            c.refs[s.ordinal()] = AvroArrays.readInts(in, values, values, s.column());
        }
        c.flags = AvroArrays.readInts(in, n, n, "flags");
        return c;
    }

    private static int countWith(int[] bitSets, int bit) {
        int n = 0;
        for (int bits : bitSets) {
            if ((bits & bit) != 0) {
                n++;
            }
        }
        return n;
    }

    /** The entries the columns hold, in a new mutable list. */
    List<HistoryEntry> entries() {
        List<HistoryEntry> entries = new ArrayList<>(count);
        String previousId = "";
        long time = 0;
        int offset = 0;
        int offsetAt = 0;
        int localAt = 0;
        int centAt = 0;
        int doubleAt = 0;
        int[] refAt = new int[refs.length];
        for (int i = 0; i < count; i++) {
            int a = attributes[i];
            // every field is set (see HistoryEntries.of); absent strings stay null
            HistoryEntry e = new HistoryEntry();
            previousId = EntryValues.joined(previousId, txIdShared[i], txIdSuffix[i]);
            e.setTxId(previousId);
            time += timeDelta[i];
            e.setTime(time);
            if (EntryAttributes.has(a, LOCAL_TIME_STORED)) {
                e.setLocalDay(localDay[localAt]);
                e.setLocalMinute(localMinute[localAt++]);
            } else {
                offset += utcOffsetDelta[offsetAt++];
                long local = EntryValues.localMinuteOfEpoch(time, offset);
                e.setLocalDay(EntryValues.localDay(local));
                e.setLocalMinute(EntryValues.localMinute(local));
            }
            e.setCredit(EntryAttributes.has(a, EntryAttributes.CREDIT));
            e.setChannel(EntryAttributes.channel(a));
            e.setAmountEur(EntryAttributes.has(a, AMOUNT_DOUBLE) ? amountEur[doubleAt++]
                    : EntryValues.amount(cents[centAt++]));
            e.setCounterpartyType(EntryAttributes.partyType(a));
            e.setWhiteLabel(EntryAttributes.has(a, EntryAttributes.WHITE_LABEL));
            for (EntryString s : EntryString.ALL) {
                if ((present[i] & s.bit()) != 0) {
                    int k = s.ordinal();
                    s.set(e, StringDictionary.resolve(strings, refs[k][refAt[k]++], s.column()));
                }
            }
            e.setFlags(flags[i]);
            entries.add(e);
        }
        return entries;
    }
}
