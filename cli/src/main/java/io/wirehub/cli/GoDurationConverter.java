package io.wirehub.cli;

import io.wirehub.server.config.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 2s}, {@code 1m30s} on the command line, as the nats CLI takes them. */
public final class GoDurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration d = GoDuration.parse(value.trim());
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 2s or 1m");
        }
    }
}
