package org.htscreen.report.goaml;

/**
 * Text made fit for a goAML element: characters XML 1.0 cannot carry (control characters, lone surrogates,
 * U+FFFE/U+FFFF) become spaces, and the text is cut to the element's maximum length without splitting a character.
 * Markup characters ({@code <}, {@code &}) stay: the XML writer escapes them.
 */
final class XmlText {

    private static final String CUT = "…";

    private XmlText() {
    }

    /** The text cleaned and cut to at most {@code max} characters; null stays null. */
    static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = clean(text);
        if (clean.codePointCount(0, clean.length()) <= max) {
            return clean;
        }
        int end = clean.offsetByCodePoints(0, max - 1);
        return clean.substring(0, end) + CUT;
    }

    /** The text, or the placeholder when it is null or blank after cleaning; cut to {@code max}. */
    static String fitOr(String text, String placeholder, int max) {
        String t = fit(text, max);
        return t == null || t.isBlank() ? placeholder : t;
    }

    /** Replaces every character XML 1.0 does not allow by a space. */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean lone = n == 1 && Character.isSurrogate(text.charAt(i));
            if (lone || !allowed(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
