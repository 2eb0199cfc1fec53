package org.htscreen.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
