package io.wirehub.cli.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 16}, {@code 1KB}/{@code 1KiB}/{@code 1k} (1024), {@code 64KB}, {@code 1MB} (1 MiB): sizes as bench users write them. */
public final class SizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long multiplier = 1;
        if (text.endsWith("K")) {
            multiplier = 1024;
        } else if (text.endsWith("M")) {
            multiplier = 1024 * 1024;
        }
        if (multiplier > 1) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            long size = Long.parseLong(text) * multiplier;
            if (size < 0 || size > 64L * 1024 * 1024) {
                throw new TypeConversionException("size must be between 0 and 64MB, got " + value);
            }
            return (int) size;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a size: " + value + " (16, 1KB, 64KiB, 1MB)");
        }
    }
}
