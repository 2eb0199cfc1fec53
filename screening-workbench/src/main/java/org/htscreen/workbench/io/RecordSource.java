package org.htscreen.workbench.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records of one type read from one or more files in order, whatever their format. Bad lines go to the
 * {@link ErrorPolicy} (skipped or stopping the run); {@link #next()} returns only good records.
 */
public abstract class RecordSource<T extends SpecificRecord> implements AutoCloseable {

    protected final Path file;
    protected final String fileName;
    protected final Schema schema;
    protected final ErrorPolicy errors;
    private final CountingInputStream counting;
    protected final InputStream in;

    protected RecordSource(Path file, Schema schema, ErrorPolicy errors) {
        this.file = file;
        this.fileName = file.toString();
        this.schema = schema;
        this.errors = errors;
        try {
            counting = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            in = Format.gzipped(file) ? new BufferedInputStream(new GZIPInputStream(counting, 1 << 16), 1 << 16)
                    : counting;
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Opens a file by its format ({@code format} null: told from the name). */
    public static <T extends SpecificRecord> RecordSource<T> open(Path file, Format format, Schema schema,
            ErrorPolicy errors) {
        Format f = format != null ? format : Format.of(file);
        return switch (f) {
            case AVRO -> new AvroFileSource<>(file, schema, errors);
            case JSONL -> new JsonLinesSource<>(file, schema, errors);
            case CSV -> new CsvSource<>(file, schema, errors);
        };
    }

    /** The next good record, or null at the end of the file. */
    public abstract T next();

    /** Line (CSV, JSON Lines) or record number (Avro) of the record last returned by {@link #next()}. */
    public abstract long line();

    /** Compressed bytes read so far. */
    public long bytesRead() {
        return counting.count();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total size of some files, for progress. */
    public static long totalBytes(List<Path> files) {
        long t = 0;
        for (Path p : files) {
            try {
                t += Files.size(p);
            } catch (NoSuchFileException e) {
                throw new InputException(p + ": no such file");
            } catch (IOException e) {
                throw new InputException(p + ": cannot read: " + e.getMessage());
            }
        }
        return t;
    }
}
