package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Typed reads of an entry's value for the binder. A value of the wrong type throws
 * {@link InvalidValueException} naming the key and what was found, e.g.
 * {@code "port" expects an integer, got string "4222"}.
 */
final class EntryValues {
    private EntryValues() {
    }

    static long integer(ConfigEntry entry) {
        if (entry.value() instanceof IntegerValue v) {
            return v.value();
        }
        throw expected(entry, "an integer");
    }

    /** An integer that must fit in 32 bits (nats-server: "max_payload value is too big"). */
    static int smallInteger(ConfigEntry entry) {
        long value = integer(entry);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidValueException(entry.key() + " value is too big");
        }
        if (value < Integer.MIN_VALUE) {
            throw new InvalidValueException(entry.key() + " value is too small");
        }
        return (int) value;
    }

    static boolean bool(ConfigEntry entry) {
        if (entry.value() instanceof BooleanValue v) {
            return v.value();
        }
        throw expected(entry, "a boolean (true/false, yes/no, on/off)");
    }

    static String string(ConfigEntry entry) {
        if (entry.value() instanceof StringValue v) {
            return v.value();
        }
        throw expected(entry, "a string");
    }

    /**
     * A file or directory name. Kept as written: a relative name is relative to the working
     * directory, as nats-server resolves it, not to the config file.
     */
    static Path path(ConfigEntry entry) {
        String name = string(entry);
        if (name.isEmpty()) {
            throw new InvalidValueException("\"" + entry.key() + "\" needs a file name, got an empty string");
        }
        return pathNamed(entry, name);
    }

    /** {@code name} (the entry's value, perhaps with ~ expanded) as a path, or a config problem. */
    static Path pathNamed(ConfigEntry entry, String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new InvalidValueException("\"" + entry.key() + "\" is not a usable file name: " + e.getReason());
        }
    }

    /** A duration string in Go's syntax, such as "2m" or "1h30m". */
    static Duration duration(ConfigEntry entry) {
        if (!(entry.value() instanceof StringValue v)) {
            throw expected(entry, "a duration such as \"2m\" or \"10s\"");
        }
        try {
            return GoDuration.parse(v.value());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("error parsing " + entry.key() + ": " + e.getMessage());
        }
    }

    /**
     * A duration string, or (the older form nats-server still accepts, with a warning) a bare
     * integer number of seconds.
     */
    static Duration durationOrSeconds(ConfigEntry entry, Consumer<String> warnings) {
        if (entry.value() instanceof IntegerValue v) {
            warnings.accept(entry.position().problem("invalid use of field \"" + entry.key() + "\": "
                    + entry.key() + " should be converted to a duration such as \"" + v.value() + "s\""));
            try {
                return Duration.ofSeconds(v.value());
            } catch (ArithmeticException e) {
                throw new InvalidValueException(entry.key() + " value is too big");
            }
        }
        return duration(entry);
    }

    static InvalidValueException expected(ConfigEntry entry, String what) {
        return new InvalidValueException("\"" + entry.key() + "\" expects " + what + ", got "
                + entry.value().describe());
    }
}
