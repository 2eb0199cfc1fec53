package org.htscreen.core.state;

import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * {@code StoredDictionaryV3} (StoredAccountStateV3.avsc): an account's string dictionary in sorted order, each string
 * as the chars it shares with the start and the end of the one before it and the middle in between. Merchants,
 * terminals, towns and accounts of one account often share a start (a country, a brand, a terminal series) or an end
 * (a town); every string comes back exactly, surrogate pairs are never split.
 */
final class SortedDictionary {

    private SortedDictionary() {
    }

    /** Writes sorted strings as the three columns of their schema. */
    static void write(Encoder out, String[] sorted) throws IOException {
        int n = sorted.length;
        int[] shared = new int[n];
        int[] sharedEnd = new int[n];
        String[] middle = new String[n];
        String previous = "";
        for (int i = 0; i < n; i++) {
            String s = sorted[i];
            int start = EntryValues.sharedPrefix(previous, s);
            int end = sharedSuffix(previous, s, Math.min(previous.length(), s.length()) - start);
            shared[i] = start;
            sharedEnd[i] = end;
            middle[i] = s.substring(start, s.length() - end);
            previous = s;
        }
        AvroArrays.writeInts(out, shared, n);
        AvroArrays.writeInts(out, sharedEnd, n);
        AvroArrays.writeStrings(out, Arrays.asList(middle));
    }

    /** How many trailing chars (at most {@code max}) {@code s} shares with {@code previous}, not splitting a pair. */
    static int sharedSuffix(String previous, String s, int max) {
        int k = 0;
        while (k < max && previous.charAt(previous.length() - 1 - k) == s.charAt(s.length() - 1 - k)) {
            k++;
        }
        if (k > 0 && k < s.length() && Character.isHighSurrogate(s.charAt(s.length() - 1 - k))) {
            k--;
        }
        return k;
    }

    /**
     * Reads the strings of the three columns, at most {@code maxValues} of them.
     *
     * @throws IllegalArgumentException when the columns disagree in length or share more chars than there are
     */
    static String[] read(Decoder in, int maxValues) throws IOException {
        int[] shared = AvroArrays.readInts(in, 0, maxValues, "dictionary.shared");
        int n = shared.length;
        int[] sharedEnd = AvroArrays.readInts(in, n, n, "dictionary.sharedEnd");
        String[] middle = AvroArrays.readStrings(in, n, n, "dictionary.middle");
        String[] strings = new String[n];
        String previous = "";
        for (int i = 0; i < n; i++) {
            int start = shared[i];
            int end = sharedEnd[i];
            if (start < 0 || end < 0 || (long) start + end > previous.length()) {
                throw StoredStates.corrupt("dictionary string " + i + " shares " + start + " + " + end
                        + " chars with one of " + previous.length());
            }
            previous = previous.substring(0, start).concat(middle[i])
                    .concat(previous.substring(previous.length() - end));
            strings[i] = previous;
        }
        return strings;
    }
}
