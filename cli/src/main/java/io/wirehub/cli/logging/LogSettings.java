package io.wirehub.cli.logging;

import java.nio.file.Path;

/**
 * How the command line and config file want log lines written. Levels follow nats-server: {@code -D}
 * adds debug, {@code -V} adds trace.
 *
 * @param file       null for standard error
 * @param utc        time stamps in UTC ({@code logtime_utc}) rather than local time
 * @param sizeLimit  rotate the file once it holds more than this many bytes; 0 never
 * @param maxFiles   keep at most this many files, the log and its backups; 0 keeps every backup
 */
public record LogSettings(LogLevel level, LogFormat format, boolean withTime, Path file, boolean utc, long sizeLimit,
                          int maxFiles) {

    public enum LogFormat { TEXT, JSON }

    public LogSettings(LogLevel level, LogFormat format, boolean withTime, Path file) {
        this(level, format, withTime, file, false, 0, 0);
    }

    public static LogSettings defaults() {
        return new LogSettings(LogLevel.INFO, LogFormat.TEXT, true, null);
    }
}
