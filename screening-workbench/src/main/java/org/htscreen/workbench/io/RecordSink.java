package org.htscreen.workbench.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records in one of the {@link Format}s, the inverse of {@link RecordSource}: JSON with Avro field names
 * (timestamps ISO-8601 UTC, decimals as strings, enums by symbol, absent optional fields as null), CSV with dotted
 * leaf columns, or an Avro container file (deflate level 1).
 */
public abstract class RecordSink<T extends SpecificRecord> implements AutoCloseable {

    /** Opens a sink for a file ({@code format} null: told from the name; {@code .gz} compresses text formats). */
    public static <T extends SpecificRecord> RecordSink<T> create(Path file, Format format, Schema schema) {
        Format f = format != null ? format : Format.of(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (f != Format.AVRO && Format.gzipped(file)) {
                out = new BufferedOutputStream(new GZIPOutputStream(out, 1 << 16), 1 << 16);
            }
            return switch (f) {
                case AVRO -> new AvroSink<>(out, schema);
                case JSONL -> new JsonSink<>(out);
                case CSV -> new CsvSink<>(out, schema);
            };
        } catch (IOException e) {
            throw new InputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    public abstract void write(T record);

    @Override
    public abstract void close();

    // ------------------------------------------------------------------ JSON

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes one record as a JSON object (no line break). */
    public static void writeJson(JsonGenerator g, IndexedRecord r) throws IOException {
        g.writeStartObject();
        for (Schema.Field f : r.getSchema().getFields()) {
            g.writeFieldName(f.name());
            writeValue(g, r.get(f.pos()));
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof IndexedRecord r) {
            writeJson(g, r);
        } else if (v instanceof CharSequence || v instanceof Enum<?>) {
            g.writeString(v.toString());
        } else if (v instanceof Instant i) {
            g.writeString(i.toString());
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private static final class JsonSink<T extends SpecificRecord> extends RecordSink<T> {
        private final JsonGenerator g;

        JsonSink(OutputStream out) throws IOException {
            g = JSON.createGenerator(out);
            g.setRootValueSeparator(null);
        }

        @Override
        public void write(T record) {
            try {
                writeJson(g, (IndexedRecord) record);
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                g.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ CSV

    /** Leaf columns of a schema, dotted, in field order. */
    public static List<String> columns(Schema schema) {
        List<String> out = new ArrayList<>();
        columns(schema, "", out);
        return out;
    }

    private static void columns(Schema s, String prefix, List<String> out) {
        for (Schema.Field f : s.getFields()) {
            Schema fs = nonNull(f.schema());
            if (fs.getType() == Schema.Type.RECORD) {
                columns(fs, prefix + f.name() + ".", out);
            } else {
                out.add(prefix + f.name());
            }
        }
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

    private static final class CsvSink<T extends SpecificRecord> extends RecordSink<T> {
        private final Writer w;
        private final List<int[]> paths = new ArrayList<>();

        CsvSink(OutputStream out, Schema schema) throws IOException {
            w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> cols = columns(schema);
            w.write(String.join(",", cols));
            w.write('\n');
            for (String c : cols) {
                String[] parts = c.split("\\.");
                int[] idx = new int[parts.length];
                Schema s = schema;
                for (int i = 0; i < parts.length; i++) {
                    s = nonNull(s);
                    Schema.Field f = s.getField(parts[i]);
                    idx[i] = f.pos();
                    s = f.schema();
                }
                paths.add(idx);
            }
        }

        @Override
        public void write(T record) {
            try {
                StringBuilder sb = new StringBuilder(256);
                for (int c = 0; c < paths.size(); c++) {
                    if (c > 0) {
                        sb.append(',');
                    }
                    Object v = record;
                    for (int i : paths.get(c)) {
                        v = v == null ? null : ((IndexedRecord) v).get(i);
                    }
                    if (v != null) {
                        cell(sb, text(v));
                    }
                }
                sb.append('\n');
                w.write(sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String text(Object v) {
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            if (v instanceof Collection<?> c) {
                List<String> parts = new ArrayList<>();
                c.forEach(o -> parts.add(text(o)));
                return String.join("|", parts);
            }
            if (v instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                m.forEach((k, x) -> parts.add(k + "=" + text(x)));
                return String.join("|", parts);
            }
            return v.toString();
        }

        private static void cell(StringBuilder sb, String t) {
            if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                sb.append('"').append(t.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(t);
            }
        }

        @Override
        public void close() {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ Avro

    private static final class AvroSink<T extends SpecificRecord> extends RecordSink<T> {
        private final DataFileWriter<T> w;

        AvroSink(OutputStream out, Schema schema) throws IOException {
            w = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
            w.setCodec(CodecFactory.deflateCodec(1));
            w.create(schema, out);
        }

        @Override
        public void write(T record) {
            try {
                w.append(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
