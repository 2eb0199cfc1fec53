package org.htscreen.core.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * Avro arrays written and read with Avro's own encoder and decoder, as their schema says (one block, then the end
 * marker; any blocking on read). Reading takes no more values than the caller allows and no fewer than it needs, so
 * corrupt counts cannot allocate more than the input could hold (every value takes at least one byte) and columns
 * cannot disagree in length.
 */
final class AvroArrays {

    private static final int[] NO_INTS = {};
    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};
    private static final String[] NO_STRINGS = {};

    private AvroArrays() {
    }

    static void writeInts(Encoder out, int[] values, int count) throws IOException {
        start(out, count);
        for (int i = 0; i < count; i++) {
            out.startItem();
            out.writeInt(values[i]);
        }
        out.writeArrayEnd();
    }

    static void writeLongs(Encoder out, long[] values, int count) throws IOException {
        start(out, count);
        for (int i = 0; i < count; i++) {
            out.startItem();
            out.writeLong(values[i]);
        }
        out.writeArrayEnd();
    }

    static void writeDoubles(Encoder out, double[] values, int count) throws IOException {
        start(out, count);
        for (int i = 0; i < count; i++) {
            out.startItem();
            out.writeDouble(values[i]);
        }
        out.writeArrayEnd();
    }

    static void writeStrings(Encoder out, List<String> values) throws IOException {
        start(out, values.size());
        for (String s : values) {
            out.startItem();
            out.writeString(s);
        }
        out.writeArrayEnd();
    }

    static <T> void writeRecords(Encoder out, List<T> values, DatumWriter<T> writer) throws IOException {
        start(out, values.size());
        for (T v : values) {
            out.startItem();
            writer.write(v, out);
        }
        out.writeArrayEnd();
    }

    private static void start(Encoder out, int count) throws IOException {
        out.writeArrayStart();
        out.setItemCount(count);
    }

    /** Reads an int array of {@code min} to {@code max} values. */
    static int[] readInts(Decoder in, int min, int max, String column) throws IOException {
        int[] values = NO_INTS;
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            values = Arrays.copyOf(values, grown(n, block, max, column));
            for (long i = 0; i < block; i++) {
                values[n++] = in.readInt();
            }
        }
        return atLeast(values, n, min, column);
    }

    /** Reads a long array of {@code min} to {@code max} values. */
    static long[] readLongs(Decoder in, int min, int max, String column) throws IOException {
        long[] values = NO_LONGS;
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            values = Arrays.copyOf(values, grown(n, block, max, column));
            for (long i = 0; i < block; i++) {
                values[n++] = in.readLong();
            }
        }
        return atLeast(values, n, min, column);
    }

    /** Reads a double array of {@code min} to {@code max} values. */
    static double[] readDoubles(Decoder in, int min, int max, String column) throws IOException {
        double[] values = NO_DOUBLES;
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            values = Arrays.copyOf(values, grown(n, block, max, column));
            for (long i = 0; i < block; i++) {
                values[n++] = in.readDouble();
            }
        }
        return atLeast(values, n, min, column);
    }

    /** Reads a string array of {@code min} to {@code max} values. */
    static String[] readStrings(Decoder in, int min, int max, String column) throws IOException {
        String[] values = NO_STRINGS;
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            values = Arrays.copyOf(values, grown(n, block, max, column));
            for (long i = 0; i < block; i++) {
                values[n++] = in.readString();
            }
        }
        return atLeast(values, n, min, column);
    }

    /**
     * Reads a bytes array of {@code min} to {@code max} values, each at most {@code maxLength} bytes long (checked
     * before anything is allocated).
     */
    static List<byte[]> readBytes(Decoder in, int min, int max, int maxLength, String column) throws IOException {
        List<byte[]> values = new ArrayList<>();
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            n = grown(n, block, max, column);
            for (long i = 0; i < block; i++) {
                long length = in.readLong();
                if (length < 0 || length > maxLength) {
                    throw StoredStates.corrupt(column + " has a value of " + length + " bytes");
                }
                byte[] value = new byte[(int) length];
                in.readFixed(value);
                values.add(value);
            }
        }
        return atLeast(values, n, min, column);
    }

    /** Reads an array of records, at most {@code max} of them. */
    static <T> List<T> readRecords(Decoder in, DatumReader<T> reader, int max, String field) throws IOException {
        List<T> values = new ArrayList<>();
        int n = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            n = grown(n, block, max, field);
            for (long i = 0; i < block; i++) {
                values.add(reader.read(null, in));
            }
        }
        return values;
    }

    /** The length after a block of {@code block} more values, checked against the maximum. */
    private static int grown(int n, long block, int max, String column) {
        if (block < 0 || block > max - n) {
            throw StoredStates.corrupt(column + " has more than " + max + " values");
        }
        return n + (int) block;
    }

    /** The values, once it is checked that there are at least {@code min} of them. */
    private static <A> A atLeast(A values, int n, int min, String column) {
        if (n < min) {
            throw StoredStates.corrupt(column + " has " + n + " values, not " + min);
        }
        return values;
    }
}
