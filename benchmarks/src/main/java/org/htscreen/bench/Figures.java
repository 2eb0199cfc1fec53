package org.htscreen.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The figures of one benchmark step with their conditions, as {@code key=value} lines in
 * {@code <results>/<step>.properties}; {@link Report} reads them back into one table.
 */
public final class Figures {

    private final String step;
    private final Map<String, String> values = new LinkedHashMap<>();

    public Figures(String step) {
        this.step = step;
    }

    public String step() {
        return step;
    }

    public Figures put(String key, Object value) {
        values.put(key, value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public double number(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(step + ": no figure " + key);
        }
        return Double.parseDouble(v);
    }

    public Map<String, String> values() {
        return values;
    }

    /** Adds the machine and JVM conditions of this process (cores, JVM, heap, load average). */
    public Figures withMachine() {
        Conditions.current().forEach(this::put);
        return this;
    }

    /** Writes {@code <dir>/<step>.properties}. */
    public Path write(Path dir) {
        Path file = dir.resolve(step + ".properties");
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace("\n", " ") + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Reads {@code <dir>/<step>.properties}, or null when the step has not run. */
    public static Figures read(Path dir, String step) {
        Path file = dir.resolve(step + ".properties");
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Figures f = new Figures(step);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String k = line.substring(0, eq);
                    f.values.put(k, p.getProperty(k));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}
