package org.htscreen.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.htscreen.core.InputLimits;
import org.htscreen.core.InputProblem;

/**
 * Schema-driven conversion of a JSON tree into the project's generated Avro records. Property names are the Avro
 * field names; nested records are nested objects. Values:
 * <ul>
 *   <li>timestamps ({@code timestamp-millis}): ISO-8601 with {@code Z} or an offset, e.g.
 *       {@code 2026-03-02T21:30:00Z}, {@code 2026-03-02T23:30:00+02:00}; or epoch milliseconds as a JSON number</li>
 *   <li>dates ({@code date}): {@code 2026-03-02}</li>
 *   <li>decimals: a decimal number or string, at most as many decimals as the schema's scale ({@code 180.5},
 *       {@code "180.50"})</li>
 *   <li>enums: the symbol, e.g. {@code ATM_DEPOSIT}</li>
 *   <li>optional fields ({@code ["null", X]}): {@code null} or absent</li>
 *   <li>a field that is absent takes its schema default; one without a default is an error</li>
 *   <li>unknown property names are errors (a typo must not pass silently)</li>
 * </ul>
 * In <em>textual</em> mode (CSV) every scalar arrives as a string and is parsed by the field's type; arrays are
 * {@code |}-separated and maps {@code key=value|key=value}.
 */
public final class AvroConverter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpecificData DATA = SpecificData.get();
    private static final Map<Schema.Field, JsonNode> DEFAULTS = new ConcurrentHashMap<>();

    private final boolean textual;

    private AvroConverter(boolean textual) {
        this.textual = textual;
    }

    /** For JSON input: JSON types must match (numbers may also be given as strings). */
    public static AvroConverter json() {
        return new AvroConverter(false);
    }

    /** For CSV input: every scalar is a string. */
    public static AvroConverter textual() {
        return new AvroConverter(true);
    }

    /**
     * Converts a JSON object into a record of the given schema (a generated class must exist for it).
     *
     * @throws FieldException naming the dotted field and the reason
     */
    @SuppressWarnings("unchecked")
    public <T> T record(JsonNode node, Schema schema) throws FieldException {
        return (T) value(node, schema, "");
    }

    private Object value(JsonNode node, Schema schema, String path) throws FieldException {
        switch (schema.getType()) {
            case RECORD:
                return record(node, schema, path);
            case UNION:
                return union(node, schema, path);
            case ENUM: {
                String symbol = text(node, path, "a symbol of " + schema.getName());
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new FieldException(name(path), quote(symbol) + " is not one of " + schema.getEnumSymbols());
                }
                return DATA.createEnum(symbol, schema);
            }
            case STRING:
                if (!node.isTextual() && !(node.isValueNode() && !node.isNull())) {
                    throw new FieldException(name(path), "expected a string, found " + kind(node));
                }
                return node.asText();
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual()) {
                    String t = node.asText().trim().toLowerCase(java.util.Locale.ROOT);
                    if (t.equals("true") || t.equals("false")) {
                        return Boolean.valueOf(t);
                    }
                }
                throw new FieldException(name(path), "expected true or false, found " + show(node));
            case INT: {
                LogicalType lt = schema.getLogicalType();
                if (lt instanceof LogicalTypes.Date) {
                    String t = text(node, path, "a date (YYYY-MM-DD)");
                    LocalDate d;
                    try {
                        d = LocalDate.parse(bounded(t, path).trim());
                    } catch (DateTimeParseException e) {
                        throw new FieldException(name(path), quote(t) + " is not an ISO-8601 date (YYYY-MM-DD)");
                    }
                    if (d.isBefore(InputLimits.EARLIEST_DATE) || d.isAfter(InputLimits.LATEST_DATE)) {
                        throw new FieldException(name(path), quote(t) + " is outside " + InputLimits.EARLIEST_DATE
                                + " .. " + InputLimits.LATEST_DATE);
                    }
                    return d;
                }
                long v = integer(node, path);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new FieldException(name(path), v + " does not fit in an int");
                }
                return (int) v;
            }
            case LONG: {
                LogicalType lt = schema.getLogicalType();
                if (lt instanceof LogicalTypes.TimestampMillis) {
                    return timestamp(node, path);
                }
                return integer(node, path);
            }
            case DOUBLE:
            case FLOAT: {
                double d = decimal(node, path).doubleValue();
                return schema.getType() == Schema.Type.FLOAT ? (Object) (float) d : (Object) d;
            }
            case BYTES: {
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal dec) {
                    BigDecimal v = decimal(node, path);
                    // checked by its digits and exponent first: scaling 1e100000000 would not end
                    Optional<String> problem = InputLimits.decimalProblem(v, dec.getPrecision(), dec.getScale());
                    if (problem.isPresent()) {
                        throw new FieldException(name(path), problem.get());
                    }
                    return v.setScale(dec.getScale(), RoundingMode.UNNECESSARY);
                }
                throw new FieldException(name(path), "raw bytes fields are not supported in text input");
            }
            case ARRAY:
                return array(node, schema, path);
            case MAP:
                return map(node, schema, path);
            case NULL:
                if (node.isNull()) {
                    return null;
                }
                throw new FieldException(name(path), "expected null, found " + show(node));
            default:
                throw new FieldException(name(path), "type " + schema.getType() + " is not supported in text input");
        }
    }

    private Object record(JsonNode node, Schema schema, String path) throws FieldException {
        if (!node.isObject()) {
            throw new FieldException(name(path), "expected an object (" + schema.getName() + "), found " + kind(node));
        }
        SpecificRecordBase rec = (SpecificRecordBase) DATA.newRecord(null, schema);
        if (rec == null) {
            throw new FieldException(name(path), "no generated class for " + schema.getFullName());
        }
        int known = 0;
        for (Schema.Field f : schema.getFields()) {
            JsonNode v = node.get(f.name());
            String fp = path.isEmpty() ? f.name() : path + "." + f.name();
            if (v == null && !f.hasDefaultValue() && f.schema().getType() == Schema.Type.RECORD
                    && f.schema().getFields().stream().allMatch(Schema.Field::hasDefaultValue)) {
                v = JSON.createObjectNode();    // a record whose every field has a default may be left out
                known--;
            }
            if (v == null) {
                if (!f.hasDefaultValue()) {
                    throw new FieldException(fp, "missing (required field of " + schema.getName() + ")");
                }
                rec.put(f.pos(), defaultOf(f, fp));
            } else {
                known++;
                if (v.isNull() && !nullable(f.schema())) {
                    throw new FieldException(fp, "must not be null");
                }
                rec.put(f.pos(), value(v, f.schema(), fp));
            }
        }
        if (known < node.size()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (schema.getField(n) == null) {
                    throw new FieldException(path.isEmpty() ? n : path + "." + n,
                            "unknown field (" + schema.getName() + " has: " + fieldNames(schema) + ")");
                }
            }
        }
        return rec;
    }

    private Object defaultOf(Schema.Field f, String path) throws FieldException {
        JsonNode def = DEFAULTS.computeIfAbsent(f, x -> {
            Object d = x.defaultVal();
            return d == JsonProperties.NULL_VALUE || d == null ? NullNode.getInstance() : JSON.valueToTree(d);
        });
        Schema s = f.schema();
        if (s.getType() == Schema.Type.UNION) {
            s = s.getTypes().get(0);     // Avro: a union's default is of its first branch
        }
        if (def.isNull()) {
            return null;
        }
        return json().value(def, s, path);
    }

    private Object union(JsonNode node, Schema schema, String path) throws FieldException {
        if (node.isNull() || (textual && node.isTextual() && node.asText().isEmpty())) {
            if (nullable(schema)) {
                return null;
            }
            throw new FieldException(name(path), "must not be null");
        }
        FieldException first = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return value(node, branch, path);
            } catch (FieldException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first != null ? first : new FieldException(name(path), "no branch of the union matches");
    }

    private Object array(JsonNode node, Schema schema, String path) throws FieldException {
        List<Object> out = new ArrayList<>();
        if (textual && node.isTextual()) {
            String t = node.asText();
            if (!t.isEmpty()) {
                int i = 0;
                for (String part : t.split("\\|", -1)) {
                    out.add(value(com.fasterxml.jackson.databind.node.TextNode.valueOf(part), schema.getElementType(),
                            path + "[" + i++ + "]"));
                }
            }
            return out;
        }
        if (!node.isArray()) {
            throw new FieldException(name(path), "expected an array, found " + kind(node));
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return out;
    }

    private Object map(JsonNode node, Schema schema, String path) throws FieldException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (textual && node.isTextual()) {
            String t = node.asText();
            if (!t.isEmpty()) {
                for (String part : t.split("\\|", -1)) {
                    int eq = part.indexOf('=');
                    if (eq <= 0) {
                        throw new FieldException(name(path), quote(part) + " is not key=value");
                    }
                    String k = part.substring(0, eq);
                    out.put(k, value(com.fasterxml.jackson.databind.node.TextNode.valueOf(part.substring(eq + 1)),
                            schema.getValueType(), path + "." + k));
                }
            }
            return out;
        }
        if (!node.isObject()) {
            throw new FieldException(name(path), "expected an object (map), found " + kind(node));
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
        }
        return out;
    }

    private Instant timestamp(JsonNode node, String path) throws FieldException {
        Instant i;
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new FieldException(name(path), quote(node.asText()) + " is not an epoch-millisecond time");
            }
            i = Instant.ofEpochMilli(node.longValue());
        } else {
            String t = text(node, path, "an ISO-8601 timestamp");
            try {
                i = OffsetDateTime.parse(bounded(t, path).trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new FieldException(name(path), quote(t) + " is not an ISO-8601 timestamp with a zone offset "
                        + "(e.g. 2026-03-02T21:30:00Z or 2026-03-02T23:30:00+02:00)");
            }
        }
        // bounded before converting to epoch milliseconds (+999999999-12-31T23:59:59Z overflows a long)
        if (i.isBefore(InputLimits.EARLIEST_TIME) || !i.isBefore(InputLimits.LATEST_TIME)) {
            throw new FieldException(name(path), quote(node.asText()) + " is outside " + InputLimits.EARLIEST_TIME
                    + " .. " + InputLimits.LATEST_TIME);
        }
        return Instant.ofEpochMilli(i.toEpochMilli());
    }

    /** Characters of a number, date or time given as text; longer ones are refused before parsing. */
    static final int MAX_SCALAR_CHARS = 100;

    private static String bounded(String t, String path) throws FieldException {
        if (t.length() > MAX_SCALAR_CHARS) {
            throw new FieldException(name(path), quote(t) + " is too long for a number, date or time");
        }
        return t;
    }

    private long integer(JsonNode node, String path) throws FieldException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(bounded(node.asText(), path).trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new FieldException(name(path), "expected a whole number, found " + show(node));
    }

    private BigDecimal decimal(JsonNode node, String path) throws FieldException {
        if (node.isNumber()) {
            return node.isBigDecimal() || node.isFloatingPointNumber() ? node.decimalValue()
                    : BigDecimal.valueOf(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(bounded(node.asText(), path).trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new FieldException(name(path), "expected a decimal number, found " + show(node));
    }

    private String text(JsonNode node, String path, String expected) throws FieldException {
        if (!node.isTextual()) {
            throw new FieldException(name(path), "expected " + expected + ", found " + show(node));
        }
        return node.asText();
    }

    private static boolean nullable(Schema s) {
        if (s.getType() == Schema.Type.NULL) {
            return true;
        }
        if (s.getType() == Schema.Type.UNION) {
            for (Schema b : s.getTypes()) {
                if (b.getType() == Schema.Type.NULL) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Map<Schema, String> FIELD_NAMES = new HashMap<>();

    private static synchronized String fieldNames(Schema s) {
        return FIELD_NAMES.computeIfAbsent(s, x -> String.join(", ", x.getFields().stream().map(Schema.Field::name).toList()));
    }

    private static String name(String path) {
        return path.isEmpty() ? "-" : path;
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "an object" : n.isArray() ? "an array" : n.isNull() ? "null" : show(n);
    }

    private static String show(JsonNode n) {
        if (n.isTextual()) {
            return quote(n.asText());
        }
        return n.isContainerNode() ? kind(n) : InputProblem.quote(n.toString()).replace("'", "");
    }

    private static String quote(String s) {
        return InputProblem.quote(s);
    }
}
