package org.htscreen.workbench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.ParameterDefinition;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;

/** The settings of a sweep (every combination of the varied values) and the knee of its results. */
public final class Sweep {

    /** One parameter and the values it takes. */
    public record Axis(String key, List<Object> values) {
    }

    /** One combination of values, by parameter key, in axis order. */
    public record Setting(Map<String, Object> values) {
        /** {@code key=value, key=value}. */
        public String label() {
            StringBuilder sb = new StringBuilder();
            values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(RulesCommand.fmt(v)));
            return sb.toString();
        }
    }

    private Sweep() {
    }

    /**
     * Parses {@code KEY=VALUES}: a list {@code 3,4,5} (also {@code true,false}) or a range {@code from:to:step}
     * (inclusive).
     *
     * @throws UsageException when the spec cannot be read
     */
    public static Axis axis(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException("--vary " + spec + ": expected KEY=VALUES, e.g. HT-CASH-01.min_deposits=3:8:1 "
                    + "or engine.threshold_SEX=0.8,1.0,1.2");
        }
        String key = spec.substring(0, eq).trim();
        String vals = spec.substring(eq + 1).trim();
        List<Object> values = new ArrayList<>();
        if (vals.contains(":")) {
            String[] p = vals.split(":");
            if (p.length != 3) {
                throw new UsageException("--vary " + spec + ": a range is from:to:step, e.g. 3:8:1");
            }
            BigDecimal from;
            BigDecimal to;
            BigDecimal step;
            try {
                from = new BigDecimal(p[0].trim());
                to = new BigDecimal(p[1].trim());
                step = new BigDecimal(p[2].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--vary " + spec + ": from, to and step must be numbers");
            }
            if (step.signum() <= 0 || to.compareTo(from) < 0) {
                throw new UsageException("--vary " + spec + ": needs from <= to and a positive step");
            }
            boolean integral = from.stripTrailingZeros().scale() <= 0 && to.stripTrailingZeros().scale() <= 0
                    && step.stripTrailingZeros().scale() <= 0;
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                values.add(integral ? (Object) v.longValueExact() : (Object) v.doubleValue());
                if (values.size() > 10_000) {
                    throw new UsageException("--vary " + spec + ": more than 10000 values");
                }
            }
        } else {
            for (String v : vals.split(",")) {
                values.add(value(spec, v.trim()));
            }
        }
        return new Axis(key, values);
    }

    private static Object value(String spec, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return v.matches("-?\\d+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--vary " + spec + ": '" + v + "' is not a number or true/false");
        }
    }

    /** Every combination, the first axis varying slowest. */
    public static List<Setting> settings(List<Axis> axes) {
        List<Setting> out = new ArrayList<>();
        out.add(new Setting(new LinkedHashMap<>()));
        for (Axis a : axes) {
            List<Setting> next = new ArrayList<>();
            for (Setting s : out) {
                for (Object v : a.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(s.values());
                    m.put(a.key(), v);
                    next.add(new Setting(m));
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The overrides of one setting: the base overrides with the setting's values on top, checked against the
     * catalogue.
     *
     * @throws UsageException naming the parameter, value and allowed range
     */
    public static ParameterOverrides overrides(Catalogue catalogue, ParameterOverrides base, Setting s) {
        List<ParameterOverrides.Override> values = new ArrayList<>();
        for (ParameterOverrides.Override o : base.values()) {
            if (!s.values().containsKey(o.key())) {
                values.add(o);
            }
        }
        s.values().forEach((k, v) -> values.add(new ParameterOverrides.Override(k, v, "--vary " + k)));
        ParameterOverrides po = new ParameterOverrides(base.version() + "+sweep(" + s.label().replace(" ", "") + ")",
                values);
        try {
            Parameters.of(catalogue, po);
        } catch (InvalidParameterException e) {
            throw new UsageException(e.getMessage());
        }
        return po;
    }

    /** The parameter's definition, for axis labels; null if unknown. */
    static ParameterDefinition definition(Catalogue c, String key) {
        return c.parameterDefinitions().get(key);
    }

    /**
     * The knee of a curve: the point farthest from the straight line between the first and the last point, on
     * coordinates scaled to [0, 1] (the "Kneedle" idea). Points are taken in the order given (sort by x first).
     *
     * @return index of the knee, or -1 with fewer than 3 points or a straight line
     */
    public static int knee(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) {
            return -1;
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double sx = maxX - minX == 0 ? 1 : maxX - minX;
        double sy = maxY - minY == 0 ? 1 : maxY - minY;
        double x0 = (x[0] - minX) / sx;
        double y0 = (y[0] - minY) / sy;
        double x1 = (x[n - 1] - minX) / sx;
        double y1 = (y[n - 1] - minY) / sy;
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len == 0) {
            return -1;
        }
        int best = -1;
        double bestD = 1e-9;
        for (int i = 1; i < n - 1; i++) {
            double px = (x[i] - minX) / sx;
            double py = (y[i] - minY) / sy;
            double d = Math.abs((x1 - x0) * (y0 - py) - (x0 - px) * (y1 - y0)) / len;
            if (d > bestD + 1e-12) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
