package org.htscreen.core.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter overrides as an analyst writes them in YAML:
 *
 * <pre>
 * version: bank-2026-11-a
 * parameters:
 *   HT-CASH-01:
 *     min_deposits: 5
 *   HT-SPEND-17:
 *     enabled: false
 *   engine:
 *     min_families: 2
 * </pre>
 *
 * Every value keeps its file and line so that a rejected value can be pointed at.
 */
public final class ParameterOverrides {

    /** One overridden value and where it was written. */
    public record Override(String key, Object value, String where) {
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String version;
    private final List<Override> values;

    public ParameterOverrides(String version, List<Override> values) {
        this.version = version;
        this.values = List.copyOf(values);
    }

    /** No overrides: the catalogue's defaults. */
    public static ParameterOverrides none() {
        return new ParameterOverrides("defaults", List.of());
    }

    public String version() {
        return version;
    }

    public List<Override> values() {
        return values;
    }

    /** Reads an overrides file. */
    public static ParameterOverrides read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new InvalidParameterException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses overrides text.
     *
     * @throws InvalidParameterException naming the file and line of a malformed entry
     */
    public static ParameterOverrides parse(String yaml, String fileName) {
        String version = null;
        List<Override> values = new ArrayList<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidParameterException(fileName + " line " + line(p) + ": expected 'version:' and 'parameters:'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("version") && t.isScalarValue()) {
                    version = p.getValueAsString();
                } else if (field.equals("parameters") && t == JsonToken.START_OBJECT) {
                    readParameters(p, fileName, values);
                } else {
                    throw new InvalidParameterException(fileName + " line " + line(p) + ": unexpected '" + field
                            + "' (expected 'version:' and 'parameters:')");
                }
            }
        } catch (IOException e) {
            throw new InvalidParameterException(fileName + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (version == null || version.isBlank()) {
            throw new InvalidParameterException(fileName + ": missing 'version:' (every parameter set needs a version)");
        }
        return new ParameterOverrides(version, values);
    }

    private static void readParameters(JsonParser p, String fileName, List<Override> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String owner = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidParameterException(fileName + " line " + line(p) + ": '" + owner
                        + "' must hold parameter names and values");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                String where = fileName + " line " + line(p);
                Object value = switch (t) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_STRING -> p.getText();
                    default -> throw new InvalidParameterException(where + ": " + owner + "." + name
                            + " must be a single value");
                };
                out.add(new Override(owner + "." + name, value, where));
            }
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
