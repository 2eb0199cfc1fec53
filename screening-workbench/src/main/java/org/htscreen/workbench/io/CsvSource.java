package org.htscreen.workbench.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * CSV with a header row of Avro field names; nested fields dotted ({@code originator.accountId}); an empty cell is
 * an absent value (the field's default, or null for optional fields); arrays {@code a|b|c}. A header naming an
 * unknown field stops the run (every line would be wrong).
 */
final class CsvSource<T extends SpecificRecord> extends RecordSource<T> {

    private final CsvReader csv;
    private final AvroConverter converter = AvroConverter.textual();
    private String[][] paths;

    CsvSource(Path file, Schema schema, ErrorPolicy errors) {
        super(file, schema, errors);
        csv = new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
    }

    private void readHeader() throws IOException {
        List<String> header;
        try {
            header = csv.next();
        } catch (CsvReader.MalformedRow e) {
            throw new InputException(fileName + ":" + e.line() + ": -: header is not valid CSV: " + e.getMessage());
        }
        if (header == null) {
            throw new InputException(fileName + ":1: -: empty file (a CSV file needs a header row)");
        }
        paths = new String[header.size()][];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String col = header.get(i).strip();
            if (i == 0 && col.startsWith("\uFEFF")) {
                col = col.substring(1);
            }
            if (!seen.add(col)) {
                throw new InputException(new InputError(fileName, 1, col, "column appears twice in the header")
                        .toString());
            }
            String problem = checkPath(schema, col);
            if (problem != null) {
                throw new InputException(new InputError(fileName, 1, col, problem).toString());
            }
            paths[i] = col.split("\\.");
        }
    }

    /** Null when a dotted column names a leaf field of the schema, else the reason. */
    static String checkPath(Schema schema, String col) {
        if (col.isEmpty()) {
            return "empty column name";
        }
        Schema s = schema;
        String[] parts = col.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            s = nonNull(s);
            if (s.getType() != Schema.Type.RECORD) {
                return "'" + String.join(".", java.util.Arrays.copyOf(parts, i)) + "' is not a record";
            }
            Schema.Field f = s.getField(parts[i]);
            if (f == null) {
                return "unknown column (" + s.getName() + " has: "
                        + String.join(", ", s.getFields().stream().map(Schema.Field::name).toList()) + ")";
            }
            s = f.schema();
        }
        if (nonNull(s).getType() == Schema.Type.RECORD) {
            return "is a record: give its fields as columns, e.g. " + col + "."
                    + nonNull(s).getFields().get(0).name();
        }
        return null;
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            for (Schema b : s.getTypes()) {
                if (b.getType() != Schema.Type.NULL) {
                    return b;
                }
            }
        }
        return s;
    }

    @Override
    public long line() {
        return csv.rowLine();
    }

    @Override
    public T next() {
        try {
            if (paths == null) {
                readHeader();
            }
            while (true) {
                List<String> row = csv.nextOrReport(fileName, errors);
                if (row == null) {
                    return null;
                }
                long line = csv.rowLine();
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                if (row.size() != paths.length) {
                    errors.bad(new InputError(fileName, line, "-", "has " + row.size() + " values, the header has "
                            + paths.length + " columns"));
                    continue;
                }
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < paths.length; i++) {
                    String v = row.get(i);
                    if (v.isEmpty()) {
                        continue;
                    }
                    String[] p = paths[i];
                    ObjectNode o = root;
                    for (int k = 0; k < p.length - 1; k++) {
                        ObjectNode child = (ObjectNode) o.get(p[k]);
                        if (child == null) {
                            child = o.putObject(p[k]);
                        }
                        o = child;
                    }
                    o.put(p[p.length - 1], v);
                }
                try {
                    return converter.record(root, schema);
                } catch (FieldException e) {
                    errors.bad(new InputError(fileName, line, e.field(), e.reason()));
                }
            }
        } catch (IOException e) {
            throw new InputException(fileName + ": cannot read: " + e.getMessage(), e);
        }
    }
}
