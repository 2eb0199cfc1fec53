package org.htscreen.workbench.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * An Avro object container file written with the project's schema (or a compatible one: Avro's schema resolution
 * applies). "Line" numbers in errors are record numbers. A corrupt block cannot be skipped safely: it stops the run.
 */
final class AvroFileSource<T extends SpecificRecord> extends RecordSource<T> {

    private final DataFileStream<T> stream;
    private long record;

    AvroFileSource(Path file, Schema schema, ErrorPolicy errors) {
        super(file, schema, errors);
        try {
            stream = new DataFileStream<>(in, new SpecificDatumReader<>(schema));
        } catch (IOException | AvroRuntimeException e) {
            throw new InputException(fileName + ": not an Avro container file: " + e.getMessage(), e);
        }
        Schema writer = stream.getSchema();
        if (!writer.getFullName().equals(schema.getFullName()) && !writer.getName().equals(schema.getName())) {
            throw new InputException(fileName + ": holds " + writer.getFullName() + " records, expected "
                    + schema.getFullName());
        }
    }

    @Override
    public long line() {
        return record;
    }

    @Override
    public T next() {
        record++;
        try {
            if (!stream.hasNext()) {
                return null;
            }
            return stream.next();
        } catch (AvroRuntimeException | ClassCastException e) {
            throw new InputException(new InputError(fileName, record, "-", "unreadable Avro record: "
                    + e.getMessage()) + " (a corrupt Avro file cannot be skipped)", e);
        }
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // closing a read-only stream
        }
        super.close();
    }
}
