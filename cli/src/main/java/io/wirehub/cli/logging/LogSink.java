package io.wirehub.cli.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where every log line goes, formatted as nats-server writes them
 * ({@code [pid] 2026/11/24 12:00:00.000000 [INF] message}) or as one JSON object a line.
 *
 * <p>A log file is rotated as nats-server rotates it ({@code logfile_size_limit}): once a write
 * takes it past the limit, it is renamed to {@code NAME.YYYY.MM.DD.HH.MM.SS.NNNNNNNNN}, a new file
 * is opened and starts with {@code Rotated log, backup saved as "..."}, and with
 * {@code logfile_max_num} the oldest backups beyond that many files are deleted.
 *
 * <p>Thread-safe: one lock orders the lines and the rotation; it is never held while anything
 * but the write (and a rotation) happens.
 */
public final class LogSink {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter UTC_TIME = LOCAL_TIME.withZone(java.time.ZoneOffset.UTC);
    /** nats-server's backup suffix: the rotation time to the nanosecond, fields separated by dots. */
    private static final DateTimeFormatter BACKUP_SUFFIX = DateTimeFormatter.ofPattern("yyyy.MM.dd.HH.mm.ss.nnnnnnnnn")
            .withZone(ZoneId.systemDefault());
    private static final long PID = ProcessHandle.current().pid();

    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private volatile LogSettings settings = LogSettings.defaults();
    /** guarded by lock */
    private PrintStream out = System.err;
    /** Bytes in the open log file; guarded by lock. */
    private long written;

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
            written = newSettings.file() == null ? 0 : Files.size(newSettings.file());
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
            if (s.file() != null && s.sizeLimit() > 0) {
                written += line.getBytes(StandardCharsets.UTF_8).length;
                if (written > s.sizeLimit()) {
                    rotate(s);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Renames the full file to its backup name and starts a new one; the caller holds the lock. */
    private void rotate(LogSettings s) {
        Path file = s.file();
        Path backup = file.resolveSibling(file.getFileName() + "." + BACKUP_SUFFIX.format(Instant.now()));
        out.close();
        String note;
        try {
            Files.move(file, backup);
            note = "Rotated log, backup saved as \"" + backup + "\"";
        } catch (IOException e) {
            note = "Unable to rotate the log file (" + e.getMessage() + "), will attempt at the next line";
        }
        try {
            out = open(s);
        } catch (IOException e) {
            out = System.err; // nothing else is left to write to; say so there
            settings = new LogSettings(s.level(), s.format(), s.withTime(), null, s.utc(), 0, 0);
            note = "Unable to re-open the logfile \"" + file + "\" after rotation: " + e.getMessage();
        }
        String line = textLine(s, LogLevel.INFO, note, null);
        out.print(line);
        out.flush();
        written = line.getBytes(StandardCharsets.UTF_8).length;
        if (s.maxFiles() > 0 && out != System.err) {
            purge(file, s.maxFiles());
        }
    }

    /** Deletes the oldest backups so that at most {@code maxFiles} files (the log and backups) remain. */
    private void purge(Path file, int maxFiles) {
        String prefix = file.getFileName() + ".";
        java.util.List<Path> backups = new java.util.ArrayList<>();
        try (var entries = Files.list(file.toAbsolutePath().getParent())) {
            entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d{4}(\\.\\d{2}){5}\\.\\d{9}");
            }).forEach(backups::add);
        } catch (IOException e) {
            out.print(textLine(settings, LogLevel.ERROR, "Unable to read the log directory for log purge (" + e.getMessage()
                    + "), will attempt next rotation", null));
            return;
        }
        backups.sort(null); // the time stamp sorts oldest first
        for (int i = 0; i < backups.size() - (maxFiles - 1); i++) {
            try {
                Files.delete(backups.get(i));
                out.print(textLine(settings, LogLevel.INFO, "Purged log file \"" + backups.get(i).getFileName() + "\"", null));
            } catch (IOException e) {
                out.print(textLine(settings, LogLevel.ERROR, "Unable to remove backup log file \""
                        + backups.get(i).getFileName() + "\" (" + e.getMessage() + "), will attempt next rotation", null));
                return;
            }
        }
        out.flush();
    }

    private static String textLine(LogSettings s, LogLevel level, String message, Throwable error) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append('[').append(PID).append("] ");
        if (s.withTime()) {
            sb.append((s.utc() ? UTC_TIME : LOCAL_TIME).format(Instant.now())).append(' ');
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
