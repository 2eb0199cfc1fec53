package org.htscreen.report.goaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Error messages of the YAML configuration files, with the line of the offending key. */
final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Yaml() {
    }

    /**
     * Reads a YAML file into {@code type} and checks it; every error, the checker's included, names the file.
     *
     * @param check turns the value (null for an empty file) into the result or throws a {@link ReportException}
     */
    static <T, R> R read(Path file, Class<T> type, Function<T, R> check) {
        try {
            return check.apply(MAPPER.readValue(Files.readString(file), type));
        } catch (NoSuchFileException e) {
            throw new ReportException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ": " + message(e, file));
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        } catch (ReportException e) {
            throw new ReportException(file + ": " + e.getMessage());
        }
    }

    /** The same mapper for a bundled resource. */
    static <T> T read(java.io.InputStream in, Class<T> type) throws IOException {
        return MAPPER.readValue(in, type);
    }

    /** The parser's message; for an unknown key, "line N: unknown key 'k' (known: ...)" with the key's own line. */
    static String message(JsonProcessingException e, Path file) {
        if (e instanceof UnrecognizedPropertyException u) {
            int line = lineOf(file, u.getPropertyName());
            return (line > 0 ? "line " + line + ": " : "") + "unknown key '" + u.getPropertyName() + "' (known: "
                    + u.getKnownPropertyIds() + ")";
        }
        return e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")");
    }

    private static int lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern p = Pattern.compile("^[\\s-]*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).matches() || lines.get(i).contains(key + ":")) {
                    return i + 1;
                }
            }
        } catch (IOException ignored) {
            // the message is still useful without the line
        }
        return 0;
    }
}
