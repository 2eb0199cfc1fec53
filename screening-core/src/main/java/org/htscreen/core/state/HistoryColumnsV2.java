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
    private int suffixes;
    private long[] txIdDigits;
    private int digitSuffixes;
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
        c.txIdDigits = new long[n];
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
            long digits = id.length() == previousId.length() ? digits(id, shared) : NOT_DIGITS;
            if (digits == NOT_DIGITS) {
                c.txIdShared[i] = shared;
                c.txIdSuffix[c.suffixes++] = id.substring(shared);
            } else {
                c.txIdShared[i] = -1 - shared;
                c.txIdDigits[c.digitSuffixes++] = digits;
            }
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

    private static final long NOT_DIGITS = -1;
    /** Longest run of digits kept as a number: 10^18 - 1 fits in a long. */
    private static final int MAX_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = new long[MAX_DIGITS + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k <= MAX_DIGITS; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    /** The rest of an id after {@code shared} chars as a number when it is 1 to 18 ASCII digits, else NOT_DIGITS. */
    private static long digits(String id, int shared) {
        int length = id.length() - shared;
        if (length < 1 || length > MAX_DIGITS) {
            return NOT_DIGITS;
        }
        long value = 0;
        for (int k = shared; k < id.length(); k++) {
            char ch = id.charAt(k);
            if (ch < '0' || ch > '9') {
                return NOT_DIGITS;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    /** The id of the previous id's first {@code shared} chars and {@code value} in the rest of its length. */
    private static String joinedDigits(String previous, int shared, long value) {
        int length = previous.length() - shared;
        if (shared < 0 || length < 1 || length > MAX_DIGITS) {
            throw StoredStates.corrupt("txIdShared " + (-1 - shared) + " (" + shared
                    + " shared chars, then digits) with a previous id of " + previous.length() + " chars");
        }
        if (value < 0 || value >= POWERS_OF_TEN[length]) {
            throw StoredStates.corrupt("txIdDigits " + value + " is not " + length + " digits");
        }
        String number = Long.toString(value);
        StringBuilder id = new StringBuilder(previous.length()).append(previous, 0, shared);
        for (int k = number.length(); k < length; k++) {
            id.append('0');
        }
        return id.append(number).toString();
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

    /** The string dictionary ({@code StoredHistoryV2.strings}); not to be changed. */
    String[] strings() {
        return strings;
    }

    /** Puts the dictionary in sorted order (the references follow), as the v3 form keeps it. */
    HistoryColumnsV2 sortStrings() {
        Integer[] order = new Integer[strings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> strings[a].compareTo(strings[b]));
        int[] newRef = new int[strings.length];
        String[] sorted = new String[strings.length];
        for (int i = 0; i < order.length; i++) {
            newRef[order[i]] = i;
            sorted[i] = strings[order[i]];
        }
        for (int k = 0; k < shapeStringCount; k++) {
            shapeStrings[k] = newRef[shapeStrings[k]];
        }
        strings = sorted;
        return this;
    }

    /** Writes the columns in the order of their schema; {@code strings} empty when the dictionary is kept apart. */
    void write(Encoder out, boolean withStrings) throws IOException {
        AvroArrays.writeStrings(out, withStrings ? Arrays.asList(strings) : List.of());
        AvroArrays.writeInts(out, txIdShared, count);
        AvroArrays.writeStrings(out, Arrays.asList(txIdSuffix).subList(0, suffixes));
        AvroArrays.writeLongs(out, txIdDigits, digitSuffixes);
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
     * Reads the columns in the order of their schema; no column may hold more values than {@code maxValues}. With a
     * {@code dictionary} (the v3 form's, read before), {@code strings} must be empty and the dictionary is used.
     *
     * @throws IllegalArgumentException when columns disagree in length or values are out of range
     */
    static HistoryColumnsV2 read(Decoder in, int maxValues, String[] dictionary) throws IOException {
        HistoryColumnsV2 c = new HistoryColumnsV2();
        c.strings = AvroArrays.readStrings(in, 0, dictionary == null ? maxValues : 0, "strings");
        if (dictionary != null) {
            c.strings = dictionary;
        }
        c.txIdShared = AvroArrays.readInts(in, 0, maxValues, "txIdShared");
        int n = c.txIdShared.length;
        c.count = n;
        int digitSuffixes = 0;
        for (int shared : c.txIdShared) {
            digitSuffixes += shared < 0 ? 1 : 0;
        }
        c.txIdSuffix = AvroArrays.readStrings(in, n - digitSuffixes, n - digitSuffixes, "txIdSuffix");
        c.txIdDigits = AvroArrays.readLongs(in, digitSuffixes, digitSuffixes, "txIdDigits");
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
        int suffixAt = 0;
        int digitsAt = 0;
        for (int i = 0; i < count; i++) {
            int s = shape[i];
            int a = shapeAttributes[s];
            // every field is set (see HistoryEntries.of); absent strings stay null
            HistoryEntry e = new HistoryEntry();
            previousId = txIdShared[i] < 0 ? joinedDigits(previousId, -1 - txIdShared[i], txIdDigits[digitsAt++])
                    : EntryValues.joined(previousId, txIdShared[i], txIdSuffix[suffixAt++]);
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
