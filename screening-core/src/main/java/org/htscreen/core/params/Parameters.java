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

    private Parameters(String version, Map<String, Object> values) {
        this.version = version;
        this.values = values;
        values.forEach((key, value) -> {
            if (key.endsWith(ENABLED) && value instanceof Boolean b) {
                enabledByRule.put(key.substring(0, key.length() - ENABLED.length()), b);
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
        return ((Number) get(key)).intValue();
    }

    /** A numeric parameter as a double. */
    public double num(String key) {
        return ((Number) get(key)).doubleValue();
    }

    /** A boolean parameter. */
    public boolean flag(String key) {
        return (Boolean) get(key);
    }

    /** Whether a rule is switched on. */
    public boolean enabled(String ruleId) {
        Boolean on = enabledByRule.get(ruleId);
        return on != null ? on : flag(ruleId + ENABLED);
    }

    /** A window length parameter in days, as milliseconds. */
    public long daysMillis(String key) {
        return Math.round(num(key) * 86_400_000d);
    }

    /** A window length parameter in hours, as milliseconds. */
    public long hoursMillis(String key) {
        return Math.round(num(key) * 3_600_000d);
    }

    private Object get(String key) {
        Object v = values.get(key);
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
