package org.htscreen.core.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A tunable parameter with its default, unit and allowed range, as declared in the catalogue.
 *
 * @param name        short name, unique inside its rule (full key: {@code RULE-ID.name})
 * @param type        integer, number or boolean
 * @param defaultValue default value
 * @param unit        unit in words (count, EUR, days, ratio, hour)
 * @param min         smallest allowed value (ignored for booleans)
 * @param max         largest allowed value (ignored for booleans)
 * @param description what the parameter means
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ParameterDefinition(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty("type") ParameterType type,
        @JsonProperty(value = "default", required = true) Object defaultValue,
        @JsonProperty("unit") String unit,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty(value = "description", required = true) String description) {

    public ParameterDefinition {
        Objects.requireNonNull(name, "parameter name");
        if (type == null) {
            type = defaultValue instanceof Boolean ? ParameterType.BOOLEAN
                    : defaultValue instanceof Integer || defaultValue instanceof Long ? ParameterType.INTEGER
                    : ParameterType.NUMBER;
        }
        unit = unit == null ? "" : unit;
    }

    /**
     * Converts and checks a value for this parameter.
     *
     * @return the value as Integer, Double or Boolean
     * @throws IllegalArgumentException naming the value, the expected type and the allowed range
     */
    public Object coerce(String key, Object value) {
        switch (type) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException(key + " = " + value + ": expected true or false");
            }
            case INTEGER -> {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new IllegalArgumentException(key + " = " + value + ": expected a whole number in " + range());
                }
                checkRange(key, n.doubleValue());
                return n.intValue();
            }
            default -> {
                if (!(value instanceof Number n)) {
                    throw new IllegalArgumentException(key + " = " + value + ": expected a number in " + range());
                }
                checkRange(key, n.doubleValue());
                return n.doubleValue();
            }
        }
    }

    private void checkRange(String key, double v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            throw new IllegalArgumentException(key + " = " + format(v) + " is out of range: allowed " + range());
        }
    }

    /** The allowed range in words, e.g. {@code [1, 100]}. */
    public String range() {
        if (type == ParameterType.BOOLEAN) {
            return "{true, false}";
        }
        return "[" + (min == null ? "-inf" : format(min)) + ", " + (max == null ? "+inf" : format(max)) + "]";
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
