package org.htscreen.core;

/**
 * Why an input record cannot be used: the dotted Avro field ({@code amount}, {@code originator.name},
 * {@code accountIds[3]}) and the reason in words. {@link #toString()} is {@code field: reason}.
 *
 * @param field  dotted Avro field name
 * @param reason what is wrong; values quoted in it are truncated ({@link #quote})
 */
public record InputProblem(String field, String reason) {

    /** Characters of a value quoted in a reason; longer values are cut and their length given. */
    public static final int QUOTED_CHARS = 40;

    /** {@code field: reason}. */
    @Override
    public String toString() {
        return field + ": " + reason;
    }

    /** An id for a message, unquoted: as is when short, else cut like {@link #quote}. */
    public static String shortId(String id) {
        return id == null || id.length() <= QUOTED_CHARS ? id : quote(id);
    }

    /**
     * A value for a message, in single quotes, cut to {@value #QUOTED_CHARS} characters with its full length
     * ({@code 'xxxx...' (40,000 chars)}); {@code null} for null.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        if (s.length() <= QUOTED_CHARS) {
            return "'" + printable(s) + "'";
        }
        return "'" + printable(s.substring(0, QUOTED_CHARS)) + "...' ("
                + String.format(java.util.Locale.ROOT, "%,d", s.length()) + " chars)";
    }

    /** The text with control characters (line breaks, NUL, ...) written as a Java unicode escape (backslash, u, four hex digits): one message, one line. */
    public static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
