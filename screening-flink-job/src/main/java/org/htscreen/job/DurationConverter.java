package org.htscreen.job;

import java.time.Duration;
import org.htscreen.core.Durations;
import picocli.CommandLine.ITypeConverter;

/** Command-line durations ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 100d}, ISO-8601): {@link Durations}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
