package org.htscreen.core.history;

/**
 * Finds a nickname in brackets next to an e-mail or phone alias in a payment reference ("anna@mail.com (Lena)",
 * "+35799123456 (Mimi)"): the text the regular expression
 * {@code (?:[\w.+-]+@[\w-]+\.[\w.]+|\+?\d{8,15})\s*\([^()]{2,20}\)} finds (tested equal), found in one pass.
 * That expression backtracks from every start position (a long word followed by a bracket costs quadratic
 * time); this scan looks back from each bracket only over the word next to it, so each character is read a
 * bounded number of times.
 */
final class AliasInBrackets {

    private static final int MIN_NICKNAME = 2;
    private static final int MAX_NICKNAME = 20;
    private static final int MIN_PHONE_DIGITS = 8;

    private AliasInBrackets() {
    }

    /** Whether the text holds an alias followed by a nickname in brackets. */
    static boolean find(CharSequence text) {
        int n = text.length();
        for (int open = 0; open < n; open++) {
            if (text.charAt(open) == '(' && nickname(text, open) && aliasEndsAt(text, beforeBlanks(text, open))) {
                return true;
            }
        }
        return false;
    }

    /** 2 to 20 characters without brackets, then a closing bracket. */
    private static boolean nickname(CharSequence text, int open) {
        int limit = Math.min(text.length(), open + MAX_NICKNAME + 2);
        for (int i = open + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ')') {
                return i - open - 1 >= MIN_NICKNAME;
            }
            if (c == '(') {
                return false;
            }
        }
        return false;
    }

    private static int beforeBlanks(CharSequence text, int open) {
        int p = open;
        while (p > 0 && blank(text.charAt(p - 1))) {
            p--;
        }
        return p;
    }

    /** Whether a phone alias (8 or more digits) or an e-mail alias ends just before {@code end}. */
    private static boolean aliasEndsAt(CharSequence text, int end) {
        int digits = 0;
        while (end - digits > 0 && digit(text.charAt(end - digits - 1)) && digits < MIN_PHONE_DIGITS) {
            digits++;
        }
        if (digits >= MIN_PHONE_DIGITS) {
            return true;
        }
        int at = end;   // the e-mail's domain: [\w-]+ \. [\w.]+ back to the '@'
        while (at > 0 && domainChar(text.charAt(at - 1))) {
            at--;
        }
        at--;
        if (at < 1 || text.charAt(at) != '@' || !localChar(text.charAt(at - 1))) {
            return false;
        }
        int dot = -1;
        for (int i = at + 1; i < end; i++) {
            if (text.charAt(i) == '.') {
                dot = i;
                break;
            }
        }
        if (dot <= at + 1 || dot >= end - 1) {
            return false;   // no dot, an empty host name, or nothing after the dot
        }
        for (int i = dot + 1; i < end; i++) {
            if (text.charAt(i) == '-') {
                return false;   // after the first dot only letters, digits, '_' and '.'
            }
        }
        return true;
    }

    /** {@code \w} of Java's regular expressions (ASCII letters, digits, underscore). */
    private static boolean word(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c) || c == '_';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean domainChar(char c) {
        return word(c) || c == '.' || c == '-';
    }

    private static boolean localChar(char c) {
        return word(c) || c == '.' || c == '+' || c == '-';
    }

    /** {@code \s} of Java's regular expressions. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
