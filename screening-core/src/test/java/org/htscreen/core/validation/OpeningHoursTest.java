package org.htscreen.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htscreen.core.OpeningHours;
import org.htscreen.core.features.CustomerProfile;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Opening hours: strict HH:mm-HH:mm, 24:00 as the end of the day, overnight ranges; everything else rejected. */
class OpeningHoursTest {

    @Test
    void a_day_range_is_open_from_its_start_until_before_its_end() {
        OpeningHours h = OpeningHours.parse("09:00-18:00");
        assertFalse(h.isOpenAt(8 * 60 + 59));
        assertTrue(h.isOpenAt(9 * 60));
        assertTrue(h.isOpenAt(17 * 60 + 59));
        assertFalse(h.isOpenAt(18 * 60));
        assertEquals("09:00-18:00", h.toString());
    }

    @Test
    void midnight_as_end_of_day_means_always_open() {
        OpeningHours h = OpeningHours.parse("00:00-24:00");
        assertTrue(h.isAlwaysOpen());
        for (int m = 0; m < 24 * 60; m++) {
            assertTrue(h.isOpenAt(m), "minute " + m);
        }
        OpeningHours evening = OpeningHours.parse("18:00-24:00");
        assertTrue(evening.isOpenAt(23 * 60 + 59));
        assertFalse(evening.isOpenAt(0));
        assertFalse(evening.isOpenAt(17 * 60 + 59));
    }

    @Test
    void an_overnight_range_wraps_past_midnight() {
        OpeningHours h = OpeningHours.parse("18:00-02:00");
        assertTrue(h.isOpenAt(18 * 60));
        assertTrue(h.isOpenAt(23 * 60 + 59));
        assertTrue(h.isOpenAt(0));
        assertTrue(h.isOpenAt(60 + 59));
        assertFalse(h.isOpenAt(2 * 60));
        assertFalse(h.isOpenAt(12 * 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:00-26:00", "9-17", "9:00-18:00", "09.00-18.00", "ab-cd", "abc", "", "09:00-12:00-18:00",
            "24:00-06:00", "09:60-18:00", "09:00-24:01", "09:00-09:00", " 09:00-18:00", "09:00 - 18:00", "０９:00-18:00",
            "09:00-18:00\n", "-09:00-18:00"})
    void anything_else_is_rejected_with_a_reason(String text) {
        assertTrue(OpeningHours.problem(text).isPresent(), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse(text));
        assertTrue(e.getMessage().contains("HH:mm-HH:mm"), e.getMessage());
    }

    @Test
    void a_huge_value_is_quoted_truncated() {
        String huge = "9".repeat(100_000);
        String reason = OpeningHours.problem(huge).orElseThrow();
        assertTrue(reason.length() < 300, reason);
    }

    @Test
    void a_null_value_has_a_problem_and_does_not_throw() {
        assertTrue(OpeningHours.problem(null).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00-24:00", "25:00-26:00", "9-17", "9:00-18:00", "09.00-18.00", "ab-cd", "abc", "",
            "09:00-12:00-18:00"})
    void customer_profile_never_throws_and_ignores_invalid_hours(String text) {
        CustomerProfile p = new CustomerProfile(Profiles.business("B-1", "A-1", "96.02", 8_000)
                .setOpeningHours(text).build(), 0L);
        for (int m = 0; m < 24 * 60; m += 7) {
            p.isOpenAt(m);
        }
        assertEquals(OpeningHours.problem(text).isEmpty(), p.hasOpeningHours(),
                "only valid hours count as declared: " + text);
    }
}
