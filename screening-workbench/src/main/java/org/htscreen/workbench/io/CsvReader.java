package org.htscreen.workbench.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside doubled), quoted fields may
 * hold commas and line breaks. Tracks the line number at which each row starts.
 */
public final class CsvReader {

    /**
     * Characters of one row: far above any valid record, so that an unterminated quote or an endless line is one
     * bad row (the rest of its line is skipped) instead of exhausting memory.
     */
    public static final int MAX_ROW_CHARS = LineReader.MAX_LINE_CHARS;

    private final Reader in;
    private long line = 1;
    private long rowLine;
    private int peeked = -2;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** Line number (1-based) at which the last row returned starts. */
    public long rowLine() {
        return rowLine;
    }

    /**
     * The next well-formed row, or null at end of input: a malformed row is reported to {@code errors} as a bad line
     * of {@code file} ("not valid CSV") and skipped.
     */
    public List<String> nextOrReport(String file, ErrorPolicy errors) throws IOException {
        while (true) {
            try {
                return next();
            } catch (MalformedRow e) {
                errors.bad(new InputError(file, e.line(), "-", "not valid CSV: " + e.getMessage()));
            }
        }
    }

    /**
     * The next row, or null at end of input.
     *
     * @throws MalformedRow for an unterminated quote or text after a closing quote
     */
    public List<String> next() throws IOException, MalformedRow {
        int c = read();
        if (c == -1) {
            return null;
        }
        rowLine = line;
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        long chars = 0;
        while (true) {
            if (++chars > MAX_ROW_CHARS) {
                String why = quoted
                        ? String.format(java.util.Locale.ROOT, "unterminated quoted field? (it runs past %,d "
                                + "characters)", MAX_ROW_CHARS)
                        : String.format(java.util.Locale.ROOT, "row longer than %,d characters", MAX_ROW_CHARS);
                if (c != '\n') {
                    skipLine();
                } else {
                    line++;
                }
                throw new MalformedRow(rowLine, why + "; reading resumes at line " + line);
            }
            if (quoted) {
                if (c == -1) {
                    throw new MalformedRow(rowLine, "unterminated quoted field");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                row.add(cell.toString());
                return row;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    unread(n);
                }
                line++;
                row.add(cell.toString());
                return row;
            } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted) {
                    skipLine();
                    throw new MalformedRow(rowLine, "text after a closing quote");
                }
                cell.append((char) c);
            }
            c = read();
        }
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // skip
        }
        if (c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int p = peeked;
            peeked = -2;
            return p;
        }
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private void unread(int c) {
        peeked = c;
    }

    /** A row that is not valid CSV. */
    public static final class MalformedRow extends Exception {
        private final long line;

        MalformedRow(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }
}
