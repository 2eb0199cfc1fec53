package org.htscreen.workbench.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** JSON Lines: one JSON object per line; blank lines are ignored. */
final class JsonLinesSource<T extends SpecificRecord> extends RecordSource<T> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final LineReader reader;
    private final AvroConverter converter = AvroConverter.json();
    private long line;

    JsonLinesSource(Path file, Schema schema, ErrorPolicy errors) {
        super(file, schema, errors);
        reader = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public T next() {
        try {
            while (true) {
                String text;
                try {
                    text = reader.next();
                } catch (LineReader.TooLong e) {
                    line = reader.line();
                    errors.bad(new InputError(fileName, line, "-", e.getMessage()));
                    continue;
                }
                if (text == null) {
                    return null;
                }
                line = reader.line();
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    errors.bad(new InputError(fileName, line, "-", "not valid JSON: " + e.getOriginalMessage()));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    errors.bad(new InputError(fileName, line, "-", "expected a JSON object on the line"));
                    continue;
                }
                try {
                    return converter.record(node, schema);
                } catch (FieldException e) {
                    errors.bad(new InputError(fileName, line, e.field(), e.reason()));
                }
            }
        } catch (IOException e) {
            throw new InputException(fileName + ":" + line + ": cannot read: " + e.getMessage(), e);
        }
    }
}
