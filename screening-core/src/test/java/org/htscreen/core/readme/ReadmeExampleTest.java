package org.htscreen.core.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;
import org.junit.jupiter.api.Test;

/** The README's embedding example is this module's {@link EmbeddingExample}, word for word, and it works. */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "org", "htscreen", "core", "readme", "EmbeddingExample.java");

    @Test
    void the_readme_shows_the_example_that_this_test_runs() throws IOException {
        String code = between(Files.readString(SOURCE), "// README-EXAMPLE-START\n", "        // README-EXAMPLE-END");
        String readme = Files.readString(README);
        assertTrue(readme.contains(code.stripTrailing().stripIndent()),
                "README.md must contain the example of EmbeddingExample.java exactly (indentation stripped):\n"
                        + code.stripTrailing().stripIndent());
    }

    @Test
    void the_example_raises_a_sexual_exploitation_alert_with_three_cash_indicators() {
        List<Alert> alerts = EmbeddingExample.run();
        assertEquals(1, alerts.size());
        Alert a = alerts.get(0);
        assertEquals(Typology.SEXUAL_EXPLOITATION, a.getTypology());
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, a.getRoleHint());
        assertFalse(a.getSignals().isEmpty());
    }

    @Test
    void the_readme_names_the_engine_with_this_version_and_how_to_install_it() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("</parent>|<version>([^<]+)</version>").matcher(pom);
        String version = null;
        while (version == null && m.find()) {   // the module's version is its parent's
            version = m.group(1);
        }
        String readme = Files.readString(README);
        assertTrue(readme.contains("<artifactId>screening-core</artifactId>\n  <version>" + version + "</version>"),
                "README must declare org.htscreen:screening-core " + version);
        assertTrue(readme.contains("mvn -B -DskipTests install -pl screening-core -am"), "README must say how to install it");
    }

    private static String between(String text, String start, String end) {
        int s = text.indexOf(start);
        int e = text.indexOf(end);
        return text.substring(s + start.length(), e);
    }
}
