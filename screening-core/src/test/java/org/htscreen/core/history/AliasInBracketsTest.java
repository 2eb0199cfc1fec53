package org.htscreen.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The alias scan finds exactly what the regular expression that defines an alias in brackets finds, on generated
 * texts, and stays linear on the texts that made the regular expression quadratic.
 */
class AliasInBracketsTest {

    /** The definition: an e-mail or phone alias, optional blanks, then a nickname of 2 to 20 characters in brackets. */
    private static final Pattern DEFINITION =
            Pattern.compile("(?:[\\w.+-]+@[\\w-]+\\.[\\w.]+|\\+?\\d{8,15})\\s*\\([^()]{2,20}\\)");

    private static final List<String> PIECES = List.of("anna", "a.b", "x-y", "+", "@", ".", "-", "_", "mail.com",
            "@mail.com", "35799123456", "+357", "123", "9", " ", "  ", "\t", "\n", "(", ")", "(Lena)", "(a)",
            "(sweet angel 22)", "(this nickname is far too long)", "é", "σ", "(", "((", "))", "x", "@-", ".cy",
            "anna@mail.com", "99123456", "(Lena)");

    @Test
    void same_matches_as_the_regular_expression() {
        Random random = new Random(11);
        int found = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String s = text.toString();
            boolean expected = DEFINITION.matcher(s).find();
            assertEquals(expected, AliasInBrackets.find(s), () -> "text: [" + s + "]");
            found += expected ? 1 : 0;
        }
        assertTrue(found > 1_000, "the generated texts must exercise matches, got " + found);
    }

    @Test
    void named_cases() {
        assertTrue(AliasInBrackets.find("for anna.k@mail.com (Lena) thanks"));
        assertTrue(AliasInBrackets.find("+35799123456(sweetie)"));
        assertTrue(AliasInBrackets.find("call 99123456  (Mimi)"));
        assertFalse(AliasInBrackets.find("call 9912345 (Mimi)"), "7 digits are not a phone alias");
        assertFalse(AliasInBrackets.find("anna@mail (Lena)"), "no dot after the domain");
        assertFalse(AliasInBrackets.find("anna@mail.com (L)"), "a one-letter nickname is too short");
        assertFalse(AliasInBrackets.find("anna@mail.com (this nickname is far too long)"));
        assertFalse(AliasInBrackets.find("rent (March)"));
    }

    /** 100,000 characters of one word before a bracket: the regular expression took minutes, the scan milliseconds. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_long_word_before_brackets_costs_linear_time() {
        for (String filler : List.of("a", "1", "a.", "a@b", "a@b.", "+1")) {
            String text = filler.repeat(100_000 / filler.length()) + " (Lena)(";
            assertEquals(DEFINITION.matcher(text.substring(text.length() - 200)).find(),
                    AliasInBrackets.find(text.substring(text.length() - 200)));
            AliasInBrackets.find(text);
            AliasInBrackets.find("(" + text);
        }
    }
}
