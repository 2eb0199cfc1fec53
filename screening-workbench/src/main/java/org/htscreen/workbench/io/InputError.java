package org.htscreen.workbench.io;

/**
 * One bad input line (or Avro record): where it is and what is wrong with it.
 *
 * @param file   file name as given
 * @param line   1-based line number (CSV, JSON Lines) or record number (Avro)
 * @param field  dotted Avro field name, or {@code -} when the whole line is unreadable
 * @param reason what is wrong, in words
 */
public record InputError(String file, long line, String field, String reason) {

    /** Characters kept of a field name; of a reason (values quoted in reasons are cut shorter still). */
    static final int MAX_FIELD_CHARS = 120;
    static final int MAX_REASON_CHARS = 1_000;

    public InputError {
        field = cut(field, MAX_FIELD_CHARS);
        reason = cut(reason, MAX_REASON_CHARS);
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String p = org.htscreen.core.InputProblem.printable(s);
        return p.length() <= max ? p : p.substring(0, max) + "... (" + p.length() + " chars)";
    }

    /** {@code file:line: field: reason}, the form every command prints. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
