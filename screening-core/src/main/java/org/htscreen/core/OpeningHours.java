package org.htscreen.core;

import java.util.Optional;

/**
 * Declared opening hours of a business in local time, strictly {@code HH:mm-HH:mm} (the schema's format):
 * {@code 09:00-18:00}; {@code 24:00} may end a range as the end of the day ({@code 00:00-24:00} is always open,
 * {@code 18:00-24:00} open until midnight); a range whose end is before its start runs overnight
 * ({@code 18:00-02:00}). A range is open from its start (inclusive) to its end (exclusive). Anything else
 * ({@code 9-17}, {@code 9:00-18:00}, {@code 09.00-18.00}, {@code 25:00-26:00}, equal start and end, blanks) is
 * refused with a reason. Immutable.
 */
public final class OpeningHours {

    /** The accepted format, as named in reasons. */
    public static final String FORMAT = "HH:mm-HH:mm";

    private static final int DAY = 24 * 60;

    private final int open;
    private final int close;

    private OpeningHours(int open, int close) {
        this.open = open;
        this.close = close;
    }

    /**
     * Parses opening hours.
     *
     * @throws IllegalArgumentException with the reason (naming the format) when the text is not valid
     */
    public static OpeningHours parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing (expected " + FORMAT + ")");
        }
        if (text.length() != FORMAT.length() || text.charAt(5) != '-') {
            throw invalid(text, "not " + FORMAT);
        }
        int open = minute(text, 0, false);
        int close = minute(text, 6, true);
        if (open == close) {
            throw invalid(text, "opening and closing time are equal (00:00-24:00 is open all day)");
        }
        return new OpeningHours(open, close);
    }

    /** The reason the text is not valid opening hours, or empty when it is. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The hours, or empty when the text is not valid (the reason: {@link #problem}). */
    public static Optional<OpeningHours> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int minute(String text, int at, boolean end) {
        int h = digits(text, at);
        int m = digits(text, at + 3);
        if (h < 0 || m < 0 || text.charAt(at + 2) != ':') {
            throw invalid(text, "not " + FORMAT);
        }
        if (h == 24 && m == 0 && end) {
            return DAY;
        }
        if (h > 23 || m > 59) {
            throw invalid(text, (h > 23 ? "hour " + h : "minute " + m) + " out of range (24:00 only as the end)");
        }
        return h * 60 + m;
    }

    /** Two ASCII digits as a number, or -1. */
    private static int digits(String text, int at) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(InputProblem.quote(text) + " is " + why + " (expected " + FORMAT
                + ", 24:00 as end of day, e.g. 09:00-18:00, 18:00-02:00, 00:00-24:00)");
    }

    /** Whether a local minute of the day (0 to 1439) falls inside the hours. */
    public boolean isOpenAt(int localMinute) {
        return open < close ? localMinute >= open && localMinute < close : localMinute >= open || localMinute < close;
    }

    /** True for {@code 00:00-24:00}. */
    public boolean isAlwaysOpen() {
        return open == 0 && close == DAY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpeningHours h && h.open == open && h.close == close;
    }

    @Override
    public int hashCode() {
        return open * DAY + close;
    }

    /** The hours in {@code HH:mm-HH:mm}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%02d:%02d-%02d:%02d", open / 60, open % 60, close / 60, close % 60);
    }
}
