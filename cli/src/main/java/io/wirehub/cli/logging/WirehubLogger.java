package io.wirehub.cli.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing to the shared {@link LogSink}. */
final class WirehubLogger extends LegacyAbstractLogger {
    private final transient LogSink sink;

    WirehubLogger(String name, LogSink sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public boolean isTraceEnabled() {
        return sink.enabled(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return sink.enabled(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return sink.enabled(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return sink.enabled(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return sink.enabled(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogLevel ours = switch (level) {
            case TRACE -> LogLevel.TRACE;
            case DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        sink.write(ours, name, message, throwable);
    }
}
