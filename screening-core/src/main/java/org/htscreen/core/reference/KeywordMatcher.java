package org.htscreen.core.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds which keyword classes occur in a folded text, matching whole words: a term matches where neither the
 * character before it nor the one after it is a letter or digit. One pass over the text's words with a look-up
 * by first word, instead of one regular expression per class (the same matches, a fraction of the cost). Terms
 * that do not start with a letter or digit fall back to a regular expression.
 */
final class KeywordMatcher {

    private record Term(String text, String keywordClass) {
    }

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Map<String, Pattern> fallback = new LinkedHashMap<>();

    /** Adds a class with its (already folded) terms. */
    void add(String keywordClass, List<String> terms) {
        List<String> odd = new ArrayList<>();
        for (String term : terms) {
            int end = wordEnd(term, 0);
            if (end == 0) {
                odd.add(term);
            } else {
                byFirstWord.computeIfAbsent(term.substring(0, end), k -> new ArrayList<>()).add(new Term(term, keywordClass));
            }
        }
        if (!odd.isEmpty()) {
            String alternatives = String.join("|", odd.stream().map(Pattern::quote).toList());
            fallback.put(keywordClass, Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])"));
        }
    }

    /** Classes with a term in the folded text. */
    Set<String> classes(String folded) {
        Set<String> found = null;
        int i = 0;
        int n = folded.length();
        while (i < n) {
            int cp = folded.codePointAt(i);
            if (!wordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int end = wordEnd(folded, i);
            List<Term> candidates = byFirstWord.get(folded.substring(i, end));
            if (candidates != null) {
                for (Term t : candidates) {
                    int after = i + t.text().length();
                    if (folded.startsWith(t.text(), i) && (after == n || !wordChar(folded.codePointAt(after)))) {
                        if (found == null) {
                            found = new LinkedHashSet<>();
                        }
                        found.add(t.keywordClass());
                    }
                }
            }
            i = end;
        }
        for (Map.Entry<String, Pattern> e : fallback.entrySet()) {
            if (e.getValue().matcher(folded).find()) {
                if (found == null) {
                    found = new LinkedHashSet<>();
                }
                found.add(e.getKey());
            }
        }
        return found == null ? Set.of() : found;
    }

    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!wordChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** A letter or a number, as the regular expression classes {@code \p{L}} and {@code \p{N}} define them. */
    static boolean wordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
