package org.htscreen.workbench.io;

import java.nio.file.Path;
import java.util.Locale;

/** Input and output file formats; told from the file name ({@code .avro}, {@code .jsonl}, {@code .csv}, + {@code .gz}). */
public enum Format {
    /** Avro object container file with the project's schema. */
    AVRO,
    /** JSON Lines: one JSON object per line, property names = Avro field names. */
    JSONL,
    /** CSV with a header of Avro field names, nested fields dotted ({@code originator.accountId}). */
    CSV;

    /** The format a file name implies. */
    public static Format of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".avro")) {
            return AVRO;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
            return JSONL;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        throw new InputException(file + ": cannot tell the format from the name (use .avro, .jsonl or .csv, "
                + "optionally .gz for the text formats)");
    }

    /** The usual file extension. */
    public String extension() {
        return switch (this) {
            case AVRO -> ".avro";
            case JSONL -> ".jsonl";
            case CSV -> ".csv";
        };
    }

    static boolean gzipped(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
