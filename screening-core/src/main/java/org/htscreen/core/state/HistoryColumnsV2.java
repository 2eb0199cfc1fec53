package org.htscreen.core.state;

import static org.htscreen.core.state.EntryAttributes.AMOUNT_DOUBLE;
import static org.htscreen.core.state.EntryAttributes.LOCAL_TIME_STORED;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.htscreen.avro.HistoryEntry;

/**
 * A history as the columns of {@code StoredHistoryV2} (StoredAccountStateV2.avsc, where each column is documented):
 * entries refer to shapes (each distinct combination of attributes, flags and optional strings once), times and
 * cents are kept in the account's own unit (their greatest common divisor), local-time offsets as runs.
 */
final class HistoryColumnsV2 {

    private int count;
    private String[] strings;
    private int[] txIdShared;
    private String[] txIdSuffix;
    private long timeUnit = 1;
    private long[] timeDelta;
    private int[] shape;
    private int shapes;
    private int[] shapeAttributes;
    private int[] shapePresent;
    private int[] shapeFlags;
    private int[] shapeStrings;
    private int shapeStringCount;
    private int[] utcOffsetRun;
    private int[] utcOffset;
    private int runs;
    private int[] localDay;
    private int[] localMinute;
    private int localTimes;
    private long centUnit = 1;
    private long[] cents;
    private int centAmounts;
    private double[] amountEur;
    private int doubleAmounts;

    private HistoryColumnsV2() {
    }

    /** The columns of a history (oldest first). */
    static HistoryColumnsV2 of(List<HistoryEntry> history) {
        HistoryColumnsV2 c = new HistoryColumnsV2();
        int n = history.size();
        c.count = n;
        c.txIdShared = new int[n];
        c.txIdSuffix = new String[n];
        c.timeDelta = new long[n];
        c.shape = new int[n];
        c.shapeAttributes = new int[n];
        c.shapePresent = new int[n];
        c.shapeFlags = new int[n];
        c.shapeStrings = new int[n * EntryString.ALL.length];
        c.utcOffsetRun = new int[n];
        c.utcOffset = new int[n];
        c.localDay = new int[n];
        c.localMinute = new int[n];
        c.cents = new long[n];
        c.amountEur = new double[n];
        StringDictionary dictionary = new StringDictionary();
        Map<List<Integer>, Integer> shapeIndex = new HashMap<>();
        String previousId = "";
        long previousTime = 0;
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
            } else if (c.runs > 0 && c.utcOffset[c.runs - 1] == (int) offset) {
                c.utcOffsetRun[c.runs - 1]++;
            } else {
                c.utcOffset[c.runs] = (int) offset;
                c.utcOffsetRun[c.runs++] = 1;
            }
            long cents = EntryValues.cents(e.getAmountEur());
            if (cents == EntryValues.NOT_CENTS) {
                storage |= AMOUNT_DOUBLE;
                c.amountEur[c.doubleAmounts++] = e.getAmountEur();
            } else {
                c.cents[c.centAmounts++] = cents;
            }
            List<Integer> key = new ArrayList<>(EntryString.ALL.length + 3);
            int present = 0;
            key.add(EntryAttributes.of(e, storage));
            key.add(e.getFlags());
            key.add(0);
            for (EntryString s : EntryString.ALL) {
                String value = s.get(e);
                if (value != null) {
                    present |= s.bit();
                    key.add(dictionary.ref(value));
                }
            }
            key.set(2, present);
            Integer known = shapeIndex.get(key);
            if (known == null) {
                known = c.shapes++;
                shapeIndex.put(key, known);
                c.shapeAttributes[known] = key.get(0);
                c.shapeFlags[known] = key.get(1);
                c.shapePresent[known] = present;
                for (int k = 3; k < key.size(); k++) {
                    c.shapeStrings[c.shapeStringCount++] = key.get(k);
                }
            }
            c.shape[i] = known;
        }
        c.timeUnit = divideByCommonUnit(c.timeDelta, n);
        c.centUnit = divideByCommonUnit(c.cents, c.centAmounts);
        c.strings = dictionary.strings().toArray(new String[0]);
        return c;
    }

    /**
     * Divides the first {@code n} values by the greatest common divisor of their magnitudes and returns it; 1 (and
     * the values unchanged) when they are all zero or one is {@link Long#MIN_VALUE}, whose magnitude is no long.
     */
    private static long divideByCommonUnit(long[] values, int n) {
        long unit = 0;
        for (int i = 0; i < n && unit != 1; i++) {
            if (values[i] == Long.MIN_VALUE) {
                return 1;
            }
            unit = gcd(unit, Math.abs(values[i]));
        }
        if (unit <= 1) {
            return 1;
        }
        for (int i = 0; i < n; i++) {
            values[i] /= unit;
        }
        return unit;
    }

    private static long gcd(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return x;
    }

    /** Writes the columns in the order of their schema. */
    void write(Encoder out) throws IOException {
        AvroArrays.writeStrings(out, Arrays.asList(strings));
        AvroArrays.writeInts(out, txIdShared, count);
        AvroArrays.writeStrings(out, Arrays.asList(txIdSuffix));
        out.writeLong(timeUnit);
        AvroArrays.writeLongs(out, timeDelta, count);
        AvroArrays.writeInts(out, shape, count);
        AvroArrays.writeInts(out, shapeAttributes, shapes);
        AvroArrays.writeInts(out, shapePresent, shapes);
        AvroArrays.writeInts(out, shapeFlags, shapes);
        AvroArrays.writeInts(out, shapeStrings, shapeStringCount);
        AvroArrays.writeInts(out, utcOffsetRun, runs);
        AvroArrays.writeInts(out, utcOffset, runs);
        AvroArrays.writeInts(out, localDay, localTimes);
        AvroArrays.writeInts(out, localMinute, localTimes);
        out.writeLong(centUnit);
        AvroArrays.writeLongs(out, cents, centAmounts);
        AvroArrays.writeDoubles(out, amountEur, doubleAmounts);
    }

    /**
     * Reads the columns in the order of their schema; no column may hold more values than {@code maxValues}.
     *
     * @throws IllegalArgumentException when columns disagree in length or values are out of range
     */
    static HistoryColumnsV2 read(Decoder in, int maxValues) throws IOException {
        HistoryColumnsV2 c = new HistoryColumnsV2();
        c.strings = AvroArrays.readStrings(in, 0, maxValues, "strings");
        c.txIdShared = AvroArrays.readInts(in, 0, maxValues, "txIdShared");
        int n = c.txIdShared.length;
        c.count = n;
        c.txIdSuffix = AvroArrays.readStrings(in, n, n, "txIdSuffix");
        c.timeUnit = unit(in.readLong(), "timeUnit");
        c.timeDelta = AvroArrays.readLongs(in, n, n, "timeDelta");
        c.shape = AvroArrays.readInts(in, n, n, "shape");
        c.shapeAttributes = AvroArrays.readInts(in, 0, maxValues, "shapeAttributes");
        int shapes = c.shapeAttributes.length;
        c.shapes = shapes;
        c.shapePresent = AvroArrays.readInts(in, shapes, shapes, "shapePresent");
        c.shapeFlags = AvroArrays.readInts(in, shapes, shapes, "shapeFlags");
        int refs = 0;
        for (int p : c.shapePresent) {
            if ((p & ~EntryString.ALL_BITS) != 0) {
                throw StoredStates.corrupt("shapePresent has unknown bits " + Integer.toHexString(p));
            }
            refs += Integer.bitCount(p);
        }
        c.shapeStrings = AvroArrays.readInts(in, refs, refs, "shapeStrings");
        for (int ref : c.shapeStrings) {
            StringDictionary.resolve(c.strings, ref, "shapeStrings");
        }
        for (int s : c.shape) {
            if (s < 0 || s >= shapes) {
                throw StoredStates.corrupt("shape " + s + " of " + shapes);
            }
        }
        int localTimes = 0;
        int doubleAmounts = 0;
        for (int s : c.shape) {
            localTimes += EntryAttributes.has(c.shapeAttributes[s], LOCAL_TIME_STORED) ? 1 : 0;
            doubleAmounts += EntryAttributes.has(c.shapeAttributes[s], AMOUNT_DOUBLE) ? 1 : 0;
        }
        int offsets = n - localTimes;
        c.utcOffsetRun = AvroArrays.readInts(in, 0, offsets, "utcOffsetRun");
        c.runs = c.utcOffsetRun.length;
        long covered = 0;
        for (int run : c.utcOffsetRun) {
            if (run < 1) {
                throw StoredStates.corrupt("utcOffsetRun of " + run + " entries");
            }
            covered += run;
        }
        if (covered != offsets) {
            throw StoredStates.corrupt("utcOffsetRun covers " + covered + " entries, not " + offsets);
        }
        c.utcOffset = AvroArrays.readInts(in, c.runs, c.runs, "utcOffset");
        c.localDay = AvroArrays.readInts(in, localTimes, localTimes, "localDay");
        c.localMinute = AvroArrays.readInts(in, localTimes, localTimes, "localMinute");
        c.centUnit = unit(in.readLong(), "centUnit");
        c.cents = AvroArrays.readLongs(in, n - doubleAmounts, n - doubleAmounts, "cents");
        c.amountEur = AvroArrays.readDoubles(in, doubleAmounts, doubleAmounts, "amountEur");
        return c;
    }

    private static long unit(long unit, String column) {
        if (unit < 1) {
            throw StoredStates.corrupt(column + " is " + unit + ", not at least 1");
        }
        return unit;
    }

    /** The entries the columns hold, in a new mutable list. */
    List<HistoryEntry> entries() {
        int[] firstString = new int[shapes + 1];
        for (int s = 0; s < shapes; s++) {
            firstString[s + 1] = firstString[s] + Integer.bitCount(shapePresent[s]);
        }
        List<HistoryEntry> entries = new ArrayList<>(count);
        String previousId = "";
        long time = 0;
        int run = 0;
        int leftInRun = runs == 0 ? 0 : utcOffsetRun[0];
        int localAt = 0;
        int centAt = 0;
        int doubleAt = 0;
        for (int i = 0; i < count; i++) {
            int s = shape[i];
            int a = shapeAttributes[s];
            // every field is set (see HistoryEntries.of); absent strings stay null
            HistoryEntry e = new HistoryEntry();
            previousId = EntryValues.joined(previousId, txIdShared[i], txIdSuffix[i]);
            e.setTxId(previousId);
            time += timeDelta[i] * timeUnit;
            e.setTime(time);
            if (EntryAttributes.has(a, LOCAL_TIME_STORED)) {
                e.setLocalDay(localDay[localAt]);
                e.setLocalMinute(localMinute[localAt++]);
            } else {
                if (leftInRun == 0) {
                    leftInRun = utcOffsetRun[++run];
                }
                leftInRun--;
                long local = EntryValues.localMinuteOfEpoch(time, utcOffset[run]);
                e.setLocalDay(EntryValues.localDay(local));
                e.setLocalMinute(EntryValues.localMinute(local));
            }
            e.setCredit(EntryAttributes.has(a, EntryAttributes.CREDIT));
            e.setChannel(EntryAttributes.channel(a));
            e.setAmountEur(EntryAttributes.has(a, AMOUNT_DOUBLE) ? amountEur[doubleAt++]
                    : EntryValues.amount(cents[centAt++] * centUnit));
            e.setCounterpartyType(EntryAttributes.partyType(a));
            e.setWhiteLabel(EntryAttributes.has(a, EntryAttributes.WHITE_LABEL));
            int ref = firstString[s];
            for (EntryString field : EntryString.ALL) {
                if ((shapePresent[s] & field.bit()) != 0) {
                    field.set(e, strings[shapeStrings[ref++]]);
                }
            }
            e.setFlags(shapeFlags[s]);
            entries.add(e);
        }
        return entries;
    }
}
