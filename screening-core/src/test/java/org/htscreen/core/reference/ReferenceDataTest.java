package org.htscreen.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;

/** The bundled reference data: MCC ranges, country lists, multilingual keywords, merchants, FX. */
class ReferenceDataTest {

    private final ReferenceData ref = RuleHarness.rules().ruleSet().reference();

    @Test
    void mcc_ranges_expand() {
        assertTrue(ref.inMccGroup("7011", "lodging"));
        assertTrue(ref.inMccGroup("3650", "lodging"), "hotel-chain range 3501-3999");
        assertFalse(ref.inMccGroup("5411", "lodging"));
        assertTrue(ref.mccGroups(null).isEmpty());
    }

    @Test
    void mcc_groups_by_number_agree_with_the_group_sets_for_every_code_and_group() {
        Set<String> groups = new java.util.TreeSet<>();
        for (int code = 0; code < 10_000; code++) {
            groups.addAll(ref.mccGroups(String.format("%04d", code)));
        }
        assertTrue(groups.size() > 10, groups.toString());
        groups.add("no_such_group");
        for (int code = 0; code < 10_000; code++) {
            String mcc = String.format("%04d", code);
            for (String g : groups) {
                assertEquals(ref.mccGroups(mcc).contains(g), ref.inMccGroup(mcc, g), mcc + " " + g);
                assertEquals(ref.mccGroups(mcc).contains(g), ref.inMccGroup(new String(mcc), new String(g)), mcc + " " + g);
            }
        }
        for (String odd : new String[] {"701", "07011", "7O11", "-701", " 7011", "", "٧٠١١"}) {
            assertFalse(ref.inMccGroup(odd, "lodging"), odd);
        }
    }

    @Test
    void payee_names_match_ignoring_case_accents_and_runs_of_white_space() {
        assertTrue(ref.payee("tax", null, "Tax Department"));
        assertTrue(ref.payee("tax", null, "  tax \t department\n\n PAYE "));
        assertTrue(ref.payee("tax", null, "TAX\u000BDEPARTMENT"));
        assertTrue(ref.payee("social_insurance", null, "Υπηρεσίες   Κοινωνικών\r\nΑσφαλίσεων"));
        assertFalse(ref.payee("tax", null, "Tax Departments"));
        assertFalse(ref.payee("tax", null, "TaxDepartment"));
        assertTrue(ref.payee("tax", "cy00taxdepartmentpaye000000001", null), "account ids ignore case");
        assertTrue(ref.payee("tax", "CY00TAXDEPARTMENTPAYE000000001", null));
        assertFalse(ref.payee("tax", "CY00TAXDEPARTMENTPAYE00000000", null));
    }

    @Test
    void a_remembered_keyword_answer_cannot_be_changed_by_a_caller() {
        Set<String> first = ref.keywordClasses("Escort for the night");
        assertThrows(UnsupportedOperationException.class, () -> first.add("rent"));
        assertThrows(UnsupportedOperationException.class, () -> first.remove("escort"));
        assertEquals(Set.of("escort"), ref.keywordClasses("Escort for the night"));
        assertEquals(Set.of("escort"), ref.keywordClasses(new String("Escort for the night")), "an equal text");
    }

    @Test
    void the_keyword_memo_is_bounded_and_answers_beyond_it_are_the_same() {
        for (int i = 0; i < 3 * ReferenceData.KEYWORD_MEMO_ENTRIES; i++) {
            assertEquals(Set.of("escort"), ref.keywordClasses("escort n" + i), "text " + i);
            assertEquals(Set.of(), ref.keywordClasses("plain n" + i), "text " + i);
        }
        assertTrue(ref.keywordMemoSize() <= ReferenceData.KEYWORD_MEMO_ENTRIES, ref.keywordMemoSize() + " texts kept");
        String longText = "rent ".repeat(ReferenceData.KEYWORD_MEMO_MAX_CHARS);   // longer texts are not kept
        int before = ref.keywordMemoSize();
        assertEquals(Set.of("rent"), ref.keywordClasses(longText));
        assertEquals(before, ref.keywordMemoSize());
    }

    @Test
    void keywords_match_whole_words_in_every_language_ignoring_case_and_accents() {
        assertEquals(Set.of("escort"), ref.keywordClasses("VIP Escort booking"));
        assertEquals(Set.of("rent"), ref.keywordClasses("Ενοίκιο Μαρτίου"), "Greek with tonos");
        assertTrue(ref.keywordClasses("за массаж").contains("escort"), "Russian");
        assertTrue(ref.keywordClasses("chirie aprilie").contains("rent"), "Romanian");
        assertTrue(ref.keywordClasses("наем").contains("rent"), "Bulgarian");
        assertTrue(ref.keywordClasses("escortservice").isEmpty(), "no match inside a longer word");
        assertTrue(ref.keywordClasses(null).isEmpty());
    }

    @Test
    void country_lists_merchants_and_fx() {
        assertTrue(ref.inCountryList("victim_source", "np"));
        assertFalse(ref.inCountryList("victim_source", "DE"));
        assertTrue(ref.adultAdvertMerchant(null, "NIGHTLIST ADS LTD"));
        assertTrue(ref.adultAdvertMerchant("M-ADULT-0002", "x"));
        assertFalse(ref.adultAdvertMerchant("M-1", "Supermarket"));
        assertEquals(1.0, ref.eurPerUnit("eur"));
        assertTrue(Double.isNaN(ref.eurPerUnit("XYZ")));
        assertTrue(ref.versions().contains("countries@2026.11.0"));
    }
}
