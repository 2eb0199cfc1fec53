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

    /** {@code file:line: field: reason}, the form every command prints. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
