package org.htscreen.core.params;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.ParameterDefinition;

/**
 * The parameter values in force: catalogue defaults with any overrides applied, under one version. Immutable;
 * rules read it as a fact ({@code $p.count("HT-CASH-01.min_deposits")}).
 */
public final class Parameters {

    private static final String ENABLED = ".enabled";

    private final String version;
    private final Map<String, Object> values;
    private final Map<String, Boolean> enabledByRule = new HashMap<>();
    /**
     * Every value in the forms the getters return, converted once per parameter set: rules and features read
     * parameters on every transaction. Keys are interned, so the literal keys of the code are found by identity.
     */
    private final Map<String, Value> resolved = new HashMap<>();

    /** One parameter's value, converted once. */
    private static final class Value {
        final Object raw;
        final boolean number;
        final int count;
        final double num;
        final long daysMillis;
        final long hoursMillis;

        Value(Object raw) {
            this.raw = raw;
            this.number = raw instanceof Number;
            Number n = number ? (Number) raw : null;
            this.count = n == null ? 0 : n.intValue();
            this.num = n == null ? Double.NaN : n.doubleValue();
            this.daysMillis = n == null ? 0 : Math.round(num * 86_400_000d);
            this.hoursMillis = n == null ? 0 : Math.round(num * 3_600_000d);
        }
    }

    private Parameters(String version, Map<String, Object> values) {
        this.version = version;
        this.values = values;
        values.forEach((key, value) -> {
            if (key.endsWith(ENABLED) && value instanceof Boolean b) {
                enabledByRule.put(key.substring(0, key.length() - ENABLED.length()).intern(), b);
            }
            if (value != null) {
                resolved.put(key.intern(), new Value(value));
            }
        });
    }

    /** The catalogue's defaults, versioned {@code defaults}. */
    public static Parameters defaults(Catalogue catalogue) {
        Map<String, Object> values = new LinkedHashMap<>();
        catalogue.parameterDefinitions().forEach((key, def) -> values.put(key, def.coerce(key, def.defaultValue())));
        return new Parameters("defaults", values);
    }

    /**
     * Applies overrides on top of the catalogue's defaults.
     *
     * @throws InvalidParameterException naming the parameter, value, allowed range and line
     */
    public static Parameters of(Catalogue catalogue, ParameterOverrides overrides) {
        Parameters base = defaults(catalogue);
        Map<String, ParameterDefinition> defs = catalogue.parameterDefinitions();
        Map<String, Object> values = new LinkedHashMap<>(base.values);
        for (ParameterOverrides.Override o : overrides.values()) {
            ParameterDefinition def = defs.get(o.key());
            if (def == null) {
                throw new InvalidParameterException(o.where() + ": unknown parameter " + o.key()
                        + suggestion(o.key(), defs));
            }
            try {
                values.put(o.key(), def.coerce(o.key(), o.value()));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(o.where() + ": " + e.getMessage());
            }
        }
        return new Parameters(overrides.version(), values);
    }

    private static String suggestion(String key, Map<String, ParameterDefinition> defs) {
        int dot = key.indexOf('.');
        String owner = dot < 0 ? key : key.substring(0, dot);
        StringBuilder known = new StringBuilder();
        for (String k : defs.keySet()) {
            if (k.startsWith(owner + ".")) {
                known.append(known.length() == 0 ? "" : ", ").append(k.substring(owner.length() + 1));
            }
        }
        return known.length() == 0 ? " (no rule or section '" + owner + "')" : " (" + owner + " has: " + known + ")";
    }

    /** Version of this parameter set: {@code defaults} or the overrides file's version. */
    public String version() {
        return version;
    }

    /** An integer parameter, e.g. {@code count("HT-CASH-01.min_deposits")}. */
    public int count(String key) {
        Value v = value(key);
        return v.number ? v.count : ((Number) v.raw).intValue();
    }

    /** A numeric parameter as a double. */
    public double num(String key) {
        Value v = value(key);
        return v.number ? v.num : ((Number) v.raw).doubleValue();
    }

    /** A boolean parameter. */
    public boolean flag(String key) {
        return (Boolean) value(key).raw;
    }

    /** Whether a rule is switched on. */
    public boolean enabled(String ruleId) {
        Boolean on = enabledByRule.get(ruleId);
        return on != null ? on : flag(ruleId + ENABLED);
    }

    /** A window length parameter in days, as milliseconds. */
    public long daysMillis(String key) {
        Value v = value(key);
        return v.number ? v.daysMillis : Math.round(((Number) v.raw).doubleValue() * 86_400_000d);
    }

    /** A window length parameter in hours, as milliseconds. */
    public long hoursMillis(String key) {
        Value v = value(key);
        return v.number ? v.hoursMillis : Math.round(((Number) v.raw).doubleValue() * 3_600_000d);
    }

    private Value value(String key) {
        Value v = resolved.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown parameter " + key);
        }
        return v;
    }

    /** All values by full key. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "Parameters[" + version + ", " + values.size() + " values]";
    }
}
