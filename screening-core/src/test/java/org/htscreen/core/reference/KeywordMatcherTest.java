package org.htscreen.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The word look-up finds exactly what one whole-word regular expression per class finds (the definition of a
 * keyword match), on generated texts that put terms next to letters, digits, punctuation and each other.
 */
class KeywordMatcherTest {

    private static final Map<String, List<String>> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("escort", List.of("escort", "happy ending", "vip girls", "συνοδος", "эскорт", "dame de companie"));
        CLASSES.put("rent", List.of("rent", "rental", "deposit for flat", "ενοικιο", "наем"));
        CLASSES.put("vague", List.of("family", "family support", "loan", "loan repayment", "help"));
        CLASSES.put("odd", List.of("-x-", "s.r.o.", "2fa code"));
    }

    private static final List<String> FILLERS = List.of("", " ", "  ", ",", ".", "-", "/", "a", "x1", "9", "é", "ü",
            "σ", "д", "\u00a0", "(", ")", "\t", "ab", "🙂");

    @Test
    void same_matches_as_one_regular_expression_per_class() {
        KeywordMatcher matcher = new KeywordMatcher();
        Map<String, Pattern> regexes = new LinkedHashMap<>();
        List<String> allTerms = new ArrayList<>();
        CLASSES.forEach((cls, terms) -> {
            matcher.add(cls, terms);
            regexes.put(cls, Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
                    + String.join("|", terms.stream().map(Pattern::quote).toList()) + ")(?![\\p{L}\\p{N}])"));
            allTerms.addAll(terms);
        });
        Random random = new Random(7);
        int matched = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(5);
            for (int p = 0; p < parts; p++) {
                text.append(FILLERS.get(random.nextInt(FILLERS.size())));
                String term = allTerms.get(random.nextInt(allTerms.size()));
                text.append(random.nextInt(4) == 0 ? term.substring(0, 1 + random.nextInt(term.length())) : term);
                text.append(FILLERS.get(random.nextInt(FILLERS.size())));
            }
            String s = text.toString();
            Set<String> expected = new HashSet<>();
            regexes.forEach((cls, re) -> {
                if (re.matcher(s).find()) {
                    expected.add(cls);
                }
            });
            assertEquals(expected, matcher.classes(s), () -> "text: [" + s + "]");
            matched += expected.isEmpty() ? 0 : 1;
        }
        assertEquals(true, matched > 5_000, "the generated texts must exercise matches, got " + matched);
    }

    @Test
    void no_terms_no_matches() {
        KeywordMatcher matcher = new KeywordMatcher();
        matcher.add("empty", List.of());
        assertEquals(Set.of(), matcher.classes("anything at all"));
    }
}
