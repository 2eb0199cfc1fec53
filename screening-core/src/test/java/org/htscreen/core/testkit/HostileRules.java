package org.htscreen.core.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.reference.ReferenceData;
import org.htscreen.core.rules.RuleSet;

/**
 * Rule sets an insider with write access to the rules could send: the bundled rule set with {@code drl/geo.drl}
 * replaced by a version whose rule HT-GEO-01 (which matches every transaction) tries to reach outside the engine.
 * Each one writes a marker file if its code ever runs, so a test can prove that nothing ran.
 */
public enum HostileRules {
    /** Reads a system file and writes it out from a consequence. */
    FILE_READ("", "", "String h = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(\"/etc/hostname\")));\n"
            + "    java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), h);"),
    /** Imports java.nio.file and writes a file. */
    FILE_WRITE("import java.nio.file.*;\n", "", "Files.writeString(Path.of(\"MARKER\"), \"pwned\");"),
    /** Starts a process. */
    PROCESS_EXEC("", "", "Runtime.getRuntime().exec(new String[] {\"touch\", \"MARKER\"}).waitFor();"),
    /** Opens a server socket. */
    SOCKET("", "", "java.net.ServerSocket s = new java.net.ServerSocket(0);\n"
            + "    java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"port \" + s.getLocalPort());\n    s.close();"),
    /** Ends the JVM (the marker first, so a test sees it ran even if the exit were caught). */
    SYSTEM_EXIT("", "", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"exit\");\n    System.exit(0);"),
    /** Never returns. */
    ENDLESS_LOOP("", "", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"loop\");\n    while (true) { }"),
    /** A DRL function called from an eval. */
    FUNCTION_IN_EVAL("function boolean evil() {\n    try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"eval\"); }"
            + " catch (Exception e) { }\n    return true;\n}\n", "    eval(evil())\n", ""),
    /** A declared type whose field default runs code while the rules compile. */
    DECLARE_FIELD_DEFAULT("declare Evil\n    x : String = java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"declare\").toString()\nend\n",
            "", ""),
    /** A pattern matched from an arbitrary expression. */
    FROM_EXPRESSION("", "    $x : String() from java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"from\").toString()\n", ""),
    /** A constraint that calls outside the facts. */
    CONSTRAINT_CALL("", "    ScreenedTransaction(java.nio.file.Files.exists(java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"constraint\")))\n", ""),
    /** An anonymous subclass whose initialiser runs code. */
    ANONYMOUS_CLASS("", "", "java.util.List<String> l = new java.util.ArrayList<>() {{\n"
            + "        try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"anon\"); } catch (Exception e) { } }};");

    private final String header;
    private final String lhs;
    private final String consequence;

    HostileRules(String header, String lhs, String consequence) {
        this.header = header;
        this.lhs = lhs;
        this.consequence = consequence;
    }

    /** The hostile {@code drl/geo.drl}, writing {@code marker} if its code runs. */
    public String geoDrl(Path marker) {
        String text = "package org.htscreen.rules.geo;\n\n"
                + "import org.htscreen.core.features.ScreenedTransaction;\n"
                + "import org.htscreen.core.features.GeoFeatures;\n"
                + "import org.htscreen.core.params.Parameters;\n"
                + "import org.htscreen.core.rules.SignalSink;\n"
                + header
                + "\nglobal Parameters $p;\nglobal SignalSink $out;\n\n"
                + "rule \"HT-GEO-01\"\nwhen\n"
                + "    $t : ScreenedTransaction()\n"
                + lhs
                + "then\n    "
                + consequence + "\n"
                + "    $out.signal(\"HT-GEO-01\", $t).reason(\"hostile\").emit();\nend\n";
        return text.replace("MARKER", marker.toString().replace("\\", "\\\\"));
    }

    /**
     * A {@code drl/geo.drl} within the allow-list whose HT-GEO-01 matches every transaction and runs
     * {@code consequence} (e.g. one that throws at run time).
     */
    public static String geoRuleOnEveryTransaction(String consequence) {
        return "package org.htscreen.rules.geo;\n"
                + "import org.htscreen.core.features.ScreenedTransaction;\n"
                + "import org.htscreen.core.params.Parameters;\n"
                + "import org.htscreen.core.rules.SignalSink;\n"
                + "global Parameters $p;\nglobal SignalSink $out;\n"
                + "rule \"HT-GEO-01\"\nwhen\n    $t : ScreenedTransaction()\nthen\n    " + consequence + "\nend\n";
    }

    /** The bundled rule set's files with this hostile {@code drl/geo.drl}. */
    public Map<String, String> files(Path marker) {
        Map<String, String> files = bundledFiles();
        files.put(Family.GEO.drlFile(), geoDrl(marker));
        return files;
    }

    /** Writes the hostile rule set into {@code dir} (the layout of {@code rules/}). */
    public Path writeTo(Path dir, Path marker) {
        return write(dir, files(marker));
    }

    /** The bundled rule set as file texts by relative path. */
    public static Map<String, String> bundledFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RuleSet.CATALOGUE, resource(RuleSet.CATALOGUE));
        for (Family f : Family.values()) {
            String text = resource(f.drlFile());
            if (text != null) {
                files.put(f.drlFile(), text);
            }
        }
        for (String r : ReferenceData.FILES) {
            String text = resource("reference/" + r);
            if (text != null) {
                files.put("reference/" + r, text);
            }
        }
        return files;
    }

    /** Writes files by relative path under {@code dir}. */
    public static Path write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = HostileRules.class.getClassLoader().getResourceAsStream(RuleSet.BUNDLED_ROOT + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
