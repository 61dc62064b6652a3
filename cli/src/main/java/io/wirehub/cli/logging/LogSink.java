package io.wirehub.cli.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where every log line goes, formatted as nats-server writes them
 * ({@code [pid] 2026/11/24 12:00:00.000000 [INF] message}) or as one JSON object a line.
 * Thread-safe: one lock orders the lines; it is never held while anything but the write happens.
 */
public final class LogSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());
    private static final long PID = ProcessHandle.current().pid();

    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private volatile LogSettings settings = LogSettings.defaults();
    /** guarded by lock */
    private PrintStream out = System.err;

    public LogSettings settings() {
        return settings;
    }

    /** Applies new settings, opening the log file when one is named. */
    public void configure(LogSettings newSettings) throws IOException {
        lock.lock();
        try {
            PrintStream next = newSettings.file() == null ? System.err : open(newSettings);
            if (out != System.err && out != next) {
                out.close();
            }
            out = next;
            settings = newSettings;
        } finally {
            lock.unlock();
        }
    }

    /** Reopens the log file (after rotation; SIGUSR1). Standard error is left alone. */
    public void reopen() throws IOException {
        configure(settings);
    }

    private static PrintStream open(LogSettings s) throws IOException {
        OutputStream file = Files.newOutputStream(s.file(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new PrintStream(file, true, StandardCharsets.UTF_8);
    }

    boolean enabled(LogLevel level) {
        return settings.level().enables(level);
    }

    void write(LogLevel level, String logger, String message, Throwable error) {
        LogSettings s = settings;
        String line = s.format() == LogSettings.LogFormat.JSON
                ? JsonLine.format(Instant.now(), level, PID, logger, message, error)
                : textLine(s, level, message, error);
        lock.lock();
        try {
            out.print(line);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    private static String textLine(LogSettings s, LogLevel level, String message, Throwable error) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append('[').append(PID).append("] ");
        if (s.withTime()) {
            sb.append(TIME.format(Instant.now())).append(' ');
        }
        sb.append('[').append(level.tag()).append("] ").append(message).append('\n');
        if (error != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            sb.append(trace);
        }
        return sb.toString();
    }
}
