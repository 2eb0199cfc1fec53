package org.htscreen.workbench;

import java.time.Duration;
import org.htscreen.core.Durations;
import picocli.CommandLine;

/** Command-line durations ({@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601): {@link Durations}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String v) {
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
