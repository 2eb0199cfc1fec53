package org.htscreen.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue against the project's own sources page, {@code docs/sources.md}: every source a rule cites
 * starts with a documented key, every Cyprus item cited exists, and the indicator index agrees with the catalogue
 * (every indicator that data can show, classes a-d, is a rule or deferred with a reason). Needs nothing outside the
 * repository, so it never skips.
 */
class CatalogueConsistencyTest {

    /** The sources page, relative to the screening-core module directory. */
    static final Path SOURCES = Path.of("..", "docs", "sources.md");
    static final Path COUNTRIES = Path.of("..", "rules", "reference", "countries.yaml");
    static final int MIN_RULES = 35;
    private static final Pattern ID = Pattern.compile("HT-[A-Z]+-\\d{2}");
    private static final Pattern DATA_CLASS = Pattern.compile("\\b[a-d]\\b");
    private static final Pattern SECTION_6 = Pattern.compile("section 6 items? ([\\d ,\\-and]+)");
    private static final Pattern NUMBERED_ITEM = Pattern.compile("^(\\d+)\\. ");

    /** One row of the indicator index. */
    record IndexRow(String id, String classes, String state, String sources) {
    }

    private static List<String> lines = List.of();
    private static Map<String, IndexRow> index = Map.of();

    @BeforeAll
    static void readSources() throws IOException {
        lines = Files.readAllLines(SOURCES);
        index = parseIndex(lines);
    }

    /** The rows of the table in section {@code heading}, as cells (the header and separator rows left out). */
    static List<String[]> table(List<String> lines, String heading) {
        List<String[]> rows = new ArrayList<>();
        boolean in = false;
        int seen = 0;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                in = line.equals("## " + heading);
                continue;
            }
            if (in && line.startsWith("|")) {
                if (seen++ >= 2) {
                    String[] cells = line.split("\\|", -1);
                    String[] stripped = new String[cells.length - 2];
                    for (int i = 1; i < cells.length - 1; i++) {
                        stripped[i - 1] = cells[i].strip();
                    }
                    rows.add(stripped);
                }
            } else if (in && seen > 0 && line.isBlank()) {
                seen = 0;   // a second table in the same section
            }
        }
        return rows;
    }

    /** The indicator index: ID | Indicator | Typologies | Class | In the rule set | Main sources. */
    static Map<String, IndexRow> parseIndex(List<String> lines) {
        Map<String, IndexRow> rows = new LinkedHashMap<>();
        for (String[] c : table(lines, "Indicator index")) {
            if (c.length == 6 && ID.matcher(c[0]).matches()) {
                rows.put(c[0], new IndexRow(c[0], c[3], c[4], c[5]));
            }
        }
        return rows;
    }

    /** Every source key of the key tables; "A / B" names two keys for one source. */
    static Set<String> keys(List<String> lines) {
        Set<String> keys = new LinkedHashSet<>();
        for (String[] c : table(lines, "Source keys")) {
            for (String k : c[0].split(" / ")) {
                keys.add(k.strip());
            }
        }
        return keys;
    }

    /** The key a cited source starts with (the longest documented one), or null. */
    static String keyOf(String source, Set<String> keys) {
        return keys.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .filter(k -> source.startsWith(k) && (source.length() == k.length()
                        || " :(".indexOf(source.charAt(k.length())) >= 0))
                .findFirst().orElse(null);
    }

    /** The numbered items of the "Cyprus context" section. */
    static Set<Integer> cyprusItems(List<String> lines) {
        Set<Integer> items = new TreeSet<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                in = line.equals("## Cyprus context");
                continue;
            }
            Matcher m = NUMBERED_ITEM.matcher(line);
            if (in && m.find()) {
                items.add(Integer.parseInt(m.group(1)));
            }
        }
        return items;
    }

    /** Item numbers a source cites as "section 6 item 5" or "section 6 items 1-3, 8". */
    static Set<Integer> citedItems(String source) {
        Set<Integer> items = new TreeSet<>();
        Matcher m = SECTION_6.matcher(source);
        while (m.find()) {
            for (String part : m.group(1).split(",|and")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                String[] range = p.split("-");
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                for (int i = from; i <= to; i++) {
                    items.add(i);
                }
            }
        }
        return items;
    }

    /**
     * Whether a class column names a class checkable from data (a-d). Text in brackets is a condition, not a
     * class ("e (d if logged)" is class e).
     */
    static boolean dataClass(String classes) {
        return DATA_CLASS.matcher(classes.replaceAll("\\([^)]*\\)", "")).find();
    }

    @Test
    void the_sources_page_is_parsed() {
        assertTrue(index.size() >= MIN_RULES, "only " + index.size() + " indicator rows under '## Indicator index' in " + SOURCES);
        assertEquals("b", index.get("HT-CASH-01").classes());
        assertTrue(keys(lines).containsAll(List.of("FIN20", "FTR16", "AUS22", "FATF18", "Domain catalogue", "Catalogue")));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), cyprusItems(lines));
        assertTrue(dataClass("a, b, e"));
        assertFalse(dataClass("e (d if logged)"));
        assertEquals(Set.of(1, 2, 3, 8), citedItems("Domain catalogue section 6 items 1-3, 8: x"));
        assertEquals("Project Protect (Globe and Mail)", keyOf("Project Protect (Globe and Mail): x",
                Set.of("Project Protect (Globe and Mail)", "FTR16")));
        assertEquals(null, keyOf("FTR160: x", Set.of("FTR16")));
    }

    @Test
    void every_source_of_every_rule_starts_with_a_documented_key() {
        Set<String> keys = keys(lines);
        List<String> unknown = new ArrayList<>();
        RuleHarness.catalogue().rules().values().forEach(r -> r.sources().forEach(s -> {
            if (keyOf(s, keys) == null) {
                unknown.add(r.id() + ": " + s);
            }
        }));
        assertTrue(unknown.isEmpty(), unknown.size() + " sources start with no key of " + SOURCES + " (table"
                + " 'Source keys'): " + unknown);
    }

    @Test
    void every_cyprus_item_a_rule_cites_is_on_the_sources_page() {
        Set<Integer> items = cyprusItems(lines);
        List<String> missing = new ArrayList<>();
        RuleHarness.catalogue().rules().values().forEach(r -> r.sources().forEach(s -> {
            for (int i : citedItems(s)) {
                if (!items.contains(i)) {
                    missing.add(r.id() + " cites section 6 item " + i);
                }
            }
        }));
        assertTrue(missing.isEmpty(), "not under 'Cyprus context' in " + SOURCES + ": " + missing);
    }

    @Test
    void every_source_of_the_index_is_a_documented_key() {
        Set<String> keys = keys(lines);
        List<String> unknown = new ArrayList<>();
        index.values().forEach(row -> {
            for (String s : row.sources().split(", ")) {
                if (keyOf(s.strip(), keys) == null) {
                    unknown.add(row.id() + ": " + s);
                }
            }
        });
        assertTrue(unknown.isEmpty(), "index sources without a key in " + SOURCES + ": " + unknown);
    }

    @Test
    void every_indicator_of_classes_a_to_d_is_a_rule_or_deferred_with_a_reason() {
        Catalogue catalogue = RuleHarness.catalogue();
        Set<String> deferred = new TreeSet<>();
        for (DeferredIndicator d : catalogue.deferred()) {
            if (d.reason() != null && !d.reason().isBlank()) {
                deferred.add(d.id());
            }
        }
        List<String> missing = new ArrayList<>();
        index.values().forEach(row -> {
            if (dataClass(row.classes()) && catalogue.rule(row.id()).isEmpty() && !deferred.contains(row.id())) {
                missing.add(row.id() + " (class " + row.classes() + ")");
            }
        });
        assertTrue(missing.isEmpty(), missing.size() + " indicators of classes a-d are neither a rule nor deferred"
                + " with a reason: " + missing);
    }

    @Test
    void the_index_states_what_the_catalogue_has() {
        Catalogue catalogue = RuleHarness.catalogue();
        Set<String> deferred = new TreeSet<>();
        catalogue.deferred().forEach(d -> deferred.add(d.id()));
        List<String> wrong = new ArrayList<>();
        index.values().forEach(row -> {
            boolean rule = catalogue.rule(row.id()).isPresent();
            boolean isDeferred = deferred.contains(row.id());
            String expected = rule && isDeferred ? "rule; variants deferred" : rule ? "rule" : isDeferred ? "deferred"
                    : "not from data";
            if (!expected.equals(row.state())) {
                wrong.add(row.id() + " says '" + row.state() + "', the catalogue: '" + expected + "'");
            }
            if (expected.equals("not from data") && dataClass(row.classes())) {
                wrong.add(row.id() + " is 'not from data' but of class " + row.classes());
            }
        });
        Set<String> ids = new TreeSet<>(catalogue.rules().keySet());
        ids.addAll(deferred);
        ids.removeAll(index.keySet());
        ids.forEach(id -> wrong.add(id + " is in the catalogue but not in the index"));
        assertTrue(wrong.isEmpty(), SOURCES + " 'Indicator index' disagrees with the catalogue: " + wrong);
    }

    @Test
    void deferred_entries_give_a_title_and_a_reason() {
        for (DeferredIndicator d : RuleHarness.catalogue().deferred()) {
            assertTrue(d.reason() != null && !d.reason().isBlank(), "deferred " + d.id() + " gives no reason");
            assertTrue(d.title() != null && !d.title().isBlank(), "deferred " + d.id() + " has no title");
        }
    }

    @Test
    void the_country_lists_are_those_the_sources_page_names() throws IOException {
        String page = String.join(" ", lines).replaceAll("\\s+", " ");
        String countries = Files.readString(COUNTRIES);
        for (String list : List.of("victim_source", "transit")) {
            Matcher m = Pattern.compile("(?m)^\\s*" + list + ": \\[([^\\]]*)]").matcher(countries);
            assertTrue(m.find(), list + " not found in " + COUNTRIES);
            assertTrue(page.contains(m.group(1).strip()), "'" + list + "' of " + COUNTRIES + " is [" + m.group(1)
                    + "]; Cyprus context item 10 of " + SOURCES + " must name it");
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
