package org.htscreen.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.reference.ReferenceData;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading rule sets from a directory, and the errors users get for broken DRL, catalogue or parameters. */
class RuleSetLoadingTest {

    @TempDir
    Path dir;

    /** Copies the bundled rule set into a directory, as a user would start tuning from it. */
    private Path copyBundled() throws IOException {
        return copyBundled(dir);
    }

    static Path copyBundled(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("drl"));
        Files.createDirectories(dir.resolve("reference"));
        copy(dir, "catalogue.yaml");
        for (Family f : Family.values()) {
            copy(dir, f.drlFile());
        }
        for (String r : ReferenceData.FILES) {
            copy(dir, "reference/" + r);
        }
        return dir;
    }

    private static void copy(Path dir, String path) throws IOException {
        try (InputStream in = RuleSetLoadingTest.class.getClassLoader().getResourceAsStream(RuleSet.BUNDLED_ROOT + path)) {
            if (in != null) {
                Files.write(dir.resolve(path), in.readAllBytes());
            }
        }
    }

    @Test
    void a_copy_of_the_bundled_rules_loads_from_a_directory_with_the_same_version() throws IOException {
        RuleSet fromDir = RuleSet.fromDirectory(copyBundled());
        RuleSet bundled = RuleSet.bundled();
        assertEquals(bundled.version(), fromDir.version());
        assertEquals(bundled.catalogue().rules().keySet(), fromDir.catalogue().rules().keySet());
    }

    @Test
    void a_changed_file_changes_the_version() throws IOException {
        copyBundled();
        Path drl = dir.resolve("drl/cash.drl");
        Files.writeString(drl, Files.readString(drl) + "\n// tuned\n");
        assertNotEquals(RuleSet.bundled().version(), RuleSet.fromDirectory(dir).version());
    }

    @Test
    void a_drl_that_does_not_compile_is_rejected_with_file_and_line() throws IOException {
        int line = editCash("$f : CashFeatures(currentCashIn, depositCount", "$f : CashFeatures(currentCashIn, depositCountt",
                "depositCountt");
        RuleSetException e = assertThrows(RuleSetException.class, () -> CompiledRules.compile(RuleSet.fromDirectory(dir)));
        assertTrue(e.getMessage().contains("drl/cash.drl line " + line), e.getMessage());
        assertTrue(e.getMessage().contains("depositCountt"), e.getMessage());
    }

    @Test
    void parameters_matched_as_a_fact_are_rejected_with_file_and_line() throws IOException {
        int line = editCash("rule \"HT-CASH-02\"\nwhen\n", "rule \"HT-CASH-02\"\nwhen\n    $q : Parameters()\n",
                "$q : Parameters()");
        RuleSetException e = assertThrows(RuleSetException.class, () -> CompiledRules.compile(RuleSet.fromDirectory(dir)));
        assertTrue(e.getMessage().contains("drl/cash.drl line " + line + ": Parameters is not a fact"), e.getMessage());
    }

    /** Copies the bundled rules, replaces text in cash.drl and returns the line where {@code marker} now stands. */
    private int editCash(String from, String to, String marker) throws IOException {
        return editCash(dir, from, to, marker);
    }

    static int editCash(Path dir, String from, String to, String marker) throws IOException {
        copyBundled(dir);
        Path drl = dir.resolve("drl/cash.drl");
        String text = Files.readString(drl);
        assertTrue(text.contains(from), from);
        String edited = text.replace(from, to);
        Files.writeString(drl, edited);
        return lineOf(edited, marker);
    }

    @Test
    void a_rule_that_is_not_in_the_catalogue_is_rejected() throws IOException {
        copyBundled();
        Path drl = dir.resolve("drl/cash.drl");
        Files.writeString(drl, Files.readString(drl).replace("rule \"HT-CASH-09\"", "rule \"HT-CASH-99\""));
        RuleSetException e = assertThrows(RuleSetException.class, () -> CompiledRules.compile(RuleSet.fromDirectory(dir)));
        assertTrue(e.getMessage().contains("HT-CASH-99"), e.getMessage());
    }

    @Test
    void a_catalogue_error_names_the_line() throws IOException {
        copyBundled();
        Path cat = dir.resolve("catalogue.yaml");
        String text = Files.readString(cat).replaceFirst("role: EITHER", "role: SOMEONE");
        Files.writeString(cat, text);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromDirectory(dir));
        assertTrue(e.getMessage().startsWith("catalogue.yaml line " + lineOf(text, "role: SOMEONE")), e.getMessage());
    }

    @Test
    void a_default_out_of_its_own_range_is_rejected() throws IOException {
        copyBundled();
        Path cat = dir.resolve("catalogue.yaml");
        Files.writeString(cat, Files.readString(cat).replaceFirst("default: 4, unit: count, min: 2, max: 100",
                "default: 400, unit: count, min: 2, max: 100"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromDirectory(dir));
        assertTrue(e.getMessage().contains("HT-CASH-01.min_deposits = 400 is out of range"), e.getMessage());
    }

    @Test
    void parameters_yaml_in_the_directory_is_applied_and_validated() throws IOException {
        copyBundled();
        Files.writeString(dir.resolve("parameters.yaml"), """
                version: tuned-1
                parameters:
                  HT-CASH-01:
                    min_deposits: 7
                """);
        try (ScreeningEngine engine = ScreeningEngine.builder().rules(RuleSet.fromDirectory(dir)).build()) {
            assertEquals("tuned-1", engine.parameterSetVersion());
            assertEquals(7, engine.parameters().count("HT-CASH-01.min_deposits"));
        }
        Files.writeString(dir.resolve("parameters.yaml"), """
                version: tuned-2
                parameters:
                  HT-CASH-01:
                    min_deposits: -7
                """);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ScreeningEngine.builder().rules(RuleSet.fromDirectory(dir)).build());
        assertTrue(e.getMessage().startsWith("parameters.yaml line 4: HT-CASH-01.min_deposits = -7"), e.getMessage());
    }

    @Test
    void a_missing_reference_file_is_named() throws IOException {
        copyBundled();
        Files.delete(dir.resolve("reference/countries.yaml"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromDirectory(dir));
        assertEquals("reference/countries.yaml: missing", e.getMessage());
    }

    private static int lineOf(String text, String needle) {
        int idx = text.indexOf(needle);
        return (int) text.substring(0, idx).chars().filter(c -> c == '\n').count() + 1;
    }

}
