package org.htscreen.core.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;

/** Parameter overrides: valid ones apply, invalid ones are rejected naming the parameter, value, range and line. */
class ParameterOverridesTest {

    private final Catalogue catalogue = RuleHarness.catalogue();

    private Parameters apply(String yaml) {
        return Parameters.of(catalogue, ParameterOverrides.parse(yaml, "parameters.yaml"));
    }

    @Test
    void overrides_replace_defaults_and_carry_the_version() {
        Parameters p = apply("""
                version: bank-2026-11-a
                parameters:
                  HT-CASH-01:
                    min_deposits: 6
                    window_days: 10.5
                  HT-CASH-09:
                    enabled: false
                  engine:
                    min_families: 3
                """);
        assertEquals("bank-2026-11-a", p.version());
        assertEquals(6, p.count("HT-CASH-01.min_deposits"));
        assertEquals(10.5, p.num("HT-CASH-01.window_days"));
        assertFalse(p.enabled("HT-CASH-09"));
        assertTrue(p.enabled("HT-CASH-01"));
        assertEquals(3, p.count("engine.min_families"));
    }

    @Test
    void an_unknown_parameter_is_named_with_its_line_and_the_known_ones() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01:
                    min_deposits: 6
                    min_deposit: 6
                """));
        assertTrue(e.getMessage().startsWith("parameters.yaml line 5: unknown parameter HT-CASH-01.min_deposit"), e.getMessage());
        assertTrue(e.getMessage().contains("min_deposits"), e.getMessage());
    }

    @Test
    void an_unknown_rule_is_named() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-NOPE-01:
                    min_deposits: 6
                """));
        assertTrue(e.getMessage().contains("line 4: unknown parameter HT-NOPE-01.min_deposits (no rule or section 'HT-NOPE-01')"),
                e.getMessage());
    }

    @Test
    void a_value_out_of_range_names_the_value_and_the_range() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01:
                    min_deposits: 1000
                """));
        assertEquals("parameters.yaml line 4: HT-CASH-01.min_deposits = 1000 is out of range: allowed [2, 100]", e.getMessage());
    }

    @Test
    void a_wrong_type_is_rejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01:
                    min_deposits: four
                """));
        assertEquals("parameters.yaml line 4: HT-CASH-01.min_deposits = four: expected a whole number in [2, 100]", e.getMessage());
        InvalidParameterException fraction = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01:
                    min_deposits: 4.5
                """));
        assertTrue(fraction.getMessage().contains("expected a whole number"), fraction.getMessage());
        InvalidParameterException bool = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01:
                    enabled: 1
                """));
        assertTrue(bool.getMessage().contains("expected true or false"), bool.getMessage());
    }

    @Test
    void a_missing_version_or_malformed_file_is_rejected() {
        assertThrows(InvalidParameterException.class, () -> apply("""
                parameters:
                  HT-CASH-01:
                    min_deposits: 5
                """));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> apply("""
                version: v1
                parameters:
                  HT-CASH-01: 5
                """));
        assertTrue(e.getMessage().startsWith("parameters.yaml line 3:"), e.getMessage());
    }
}
