package org.htscreen.report.goaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Error messages of the YAML configuration files, with the line of the offending key. */
final class Yaml {

    private Yaml() {
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
