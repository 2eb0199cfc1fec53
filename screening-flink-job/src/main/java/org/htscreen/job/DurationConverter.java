package org.htscreen.job;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 100d} or ISO-8601 ({@code PT10S}). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses a duration in one of the accepted forms. */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (use e.g. 500ms, 10s, 5m, 2h, 100d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
