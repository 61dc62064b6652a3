package io.wirehub.cli.logging;

import java.nio.file.Path;

/**
 * How the command line wants log lines written. Levels follow nats-server: {@code -D} adds debug,
 * {@code -V} adds trace.
 *
 * @param file null for standard error
 */
public record LogSettings(LogLevel level, LogFormat format, boolean withTime, Path file) {

    public enum LogFormat { TEXT, JSON }

    public static LogSettings defaults() {
        return new LogSettings(LogLevel.INFO, LogFormat.TEXT, true, null);
    }
}
