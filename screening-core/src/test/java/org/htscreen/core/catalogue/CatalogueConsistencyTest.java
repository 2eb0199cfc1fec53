package org.htscreen.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue against the domain catalogue ({@code shared/domain/redflags.md}, section 3 "Index"): every
 * indicator that data can show (classes a-d) is a rule or deferred with a reason, and the rule set is broad enough.
 * Skipped when the domain catalogue is not checked out next to the project.
 */
class CatalogueConsistencyTest {

    /** The domain catalogue, relative to the screening-core module directory. */
    static final Path REDFLAGS = Path.of("..", "..", "shared", "domain", "redflags.md");
    static final int MIN_RULES = 35;
    private static final Pattern ID = Pattern.compile("HT-[A-Z]+-\\d{2}");
    private static final Pattern DATA_CLASS = Pattern.compile("\\b[a-d]\\b");

    /** Index ids with their class column, in table order; empty when the file is absent. */
    private static Map<String, String> index = Map.of();

    @BeforeAll
    static void readIndex() throws IOException {
        if (Files.isRegularFile(REDFLAGS)) {
            index = parseIndex(Files.readAllLines(REDFLAGS));
        }
    }

    /** Rows of the table under "## 3. Index": id to class column, the class column found from the header. */
    static Map<String, String> parseIndex(List<String> lines) {
        Map<String, String> ids = new LinkedHashMap<>();
        boolean inIndex = false;
        int classColumn = -1;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inIndex = line.matches("## 3\\.? .*Index.*");
                continue;
            }
            if (!inIndex || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (classColumn < 0) {
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i].strip().equalsIgnoreCase("Class")) {
                        classColumn = i;
                    }
                }
                continue;
            }
            String id = cells.length > 1 ? cells[1].strip() : "";
            if (ID.matcher(id).matches() && classColumn < cells.length) {
                ids.put(id, cells[classColumn].strip());
            }
        }
        return ids;
    }

    /**
     * Whether a class column names a class checkable from data (a-d). Text in brackets is a condition, not a
     * class ("e (d if logged)" is class e).
     */
    static boolean dataClass(String classes) {
        return DATA_CLASS.matcher(classes.replaceAll("\\([^)]*\\)", "")).find();
    }

    @Test
    void the_index_is_parsed() {
        assumeTrue(Files.isRegularFile(REDFLAGS), "domain catalogue not found at " + REDFLAGS.toAbsolutePath());
        assertFalse(index.isEmpty(), "no indicator rows found under '## 3. Index' in " + REDFLAGS);
        assertEquals("b", index.get("HT-CASH-01"));
        assertTrue(dataClass("a, b, e"));
        assertFalse(dataClass("e (d if logged)"));
    }

    @Test
    void every_indicator_of_classes_a_to_d_is_a_rule_or_deferred_with_a_reason() {
        assumeTrue(Files.isRegularFile(REDFLAGS), "domain catalogue not found at " + REDFLAGS.toAbsolutePath());
        Catalogue catalogue = RuleHarness.catalogue();
        Set<String> deferred = new TreeSet<>();
        for (DeferredIndicator d : catalogue.deferred()) {
            if (d.reason() != null && !d.reason().isBlank()) {
                deferred.add(d.id());
            }
        }
        List<String> missing = new ArrayList<>();
        index.forEach((id, classes) -> {
            if (dataClass(classes) && catalogue.rule(id).isEmpty() && !deferred.contains(id)) {
                missing.add(id + " (class " + classes + ")");
            }
        });
        assertTrue(missing.isEmpty(), missing.size() + " indicators of classes a-d are neither a rule nor deferred"
                + " with a reason: " + missing);
    }

    @Test
    void deferred_entries_name_index_indicators_and_give_a_reason() {
        assumeTrue(Files.isRegularFile(REDFLAGS), "domain catalogue not found at " + REDFLAGS.toAbsolutePath());
        for (DeferredIndicator d : RuleHarness.catalogue().deferred()) {
            assertTrue(index.containsKey(d.id()), "deferred " + d.id() + " is not in the domain catalogue's index");
            assertTrue(d.reason() != null && !d.reason().isBlank(), "deferred " + d.id() + " gives no reason");
            assertTrue(d.title() != null && !d.title().isBlank(), "deferred " + d.id() + " has no title");
        }
    }

    @Test
    void the_catalogue_has_enough_rules_covering_every_family() {
        Catalogue catalogue = RuleHarness.catalogue();
        Set<Family> uncovered = EnumSet.allOf(Family.class);
        catalogue.rules().values().forEach(r -> uncovered.remove(r.family()));
        assertAll(
                () -> assertTrue(catalogue.rules().size() >= MIN_RULES,
                        "the catalogue has " + catalogue.rules().size() + " rules, fewer than " + MIN_RULES),
                () -> assertTrue(uncovered.isEmpty(), "families without a rule: " + uncovered));
    }
}
