package org.htscreen.workbench.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text ({@code \n} or {@code \r\n} ends a line) of at most {@link #MAX_LINE_CHARS} characters: a longer
 * line is skipped to its end and reported, so one endless line cannot exhaust memory.
 */
final class LineReader {

    /** Characters of one line (JSON Lines) or row (CSV); far above any valid record (InputLimits). */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line;
    private final StringBuilder sb = new StringBuilder();

    LineReader(Reader in) {
        this.in = in;
    }

    /** Number (1-based) of the line last returned or refused. */
    long line() {
        return line;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws TooLong when the line is longer than {@link #MAX_LINE_CHARS} (it has been skipped)
     */
    String next() throws IOException, TooLong {
        sb.setLength(0);
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            length += n;
            if (length <= MAX_LINE_CHARS) {
                sb.append(buf, start, n);
            }
            if (pos < len) {
                pos++;   // the '\n'
                break;
            }
        }
        line++;
        if (length > MAX_LINE_CHARS) {
            throw new TooLong(length);
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
        }
        return sb.toString();
    }

    /** A line longer than {@link #MAX_LINE_CHARS}. */
    static final class TooLong extends Exception {
        final long length;

        TooLong(long length) {
            super(String.format(java.util.Locale.ROOT, "line of %,d characters, longer than %,d", length,
                    MAX_LINE_CHARS), null, false, false);
            this.length = length;
        }
    }
}
