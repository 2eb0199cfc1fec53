package org.htscreen.core.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;

/**
 * The getters answer from values converted once per parameter set exactly as the plain conversions of the stored
 * value do, for every parameter of the catalogue, whatever String object names it.
 */
class ParametersTest {

    private final Parameters p = Parameters.of(RuleHarness.catalogue(), ParameterOverrides.parse("""
            version: t
            parameters:
              HT-CASH-01:
                window_days: 10.37
              HT-CRIM-01:
                max_hours: 7.5
            """, "parameters.yaml"));

    @Test
    void every_getter_equals_the_plain_conversion_of_every_value() {
        int numbers = 0;
        for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
            String key = new String(e.getKey());   // not the interned key
            Object v = e.getValue();
            if (v instanceof Number n) {
                numbers++;
                assertEquals(n.intValue(), p.count(key), key);
                assertEquals(n.doubleValue(), p.num(key), key);
                assertEquals(Math.round(n.doubleValue() * 86_400_000d), p.daysMillis(key), key);
                assertEquals(Math.round(n.doubleValue() * 3_600_000d), p.hoursMillis(key), key);
                assertThrows(ClassCastException.class, () -> p.flag(key), key);
            } else if (v instanceof Boolean b) {
                assertEquals(b, p.flag(key), key);
                assertThrows(ClassCastException.class, () -> p.num(key), key);
                assertThrows(ClassCastException.class, () -> p.count(key), key);
                assertThrows(ClassCastException.class, () -> p.daysMillis(key), key);
            }
        }
        assertEquals(true, numbers > 100, numbers + " numeric parameters");
        assertEquals(Math.round(10.37 * 86_400_000d), p.daysMillis("HT-CASH-01.window_days"));
        assertEquals(27_000_000L, p.hoursMillis("HT-CRIM-01.max_hours"));
    }

    @Test
    void an_unknown_key_is_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.num("HT-CASH-01.nope"));
        assertEquals("unknown parameter HT-CASH-01.nope", e.getMessage());
    }
}
