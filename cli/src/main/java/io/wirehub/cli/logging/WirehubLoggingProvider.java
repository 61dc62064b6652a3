package io.wirehub.cli.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the wirehub command: nats-server style lines (or JSON) on standard error or
 * in a log file, at the level -D/-V choose. Small on purpose: the server must be listening within
 * 100 ms of process start, and a full logging framework costs more than that to initialise.
 */
public final class WirehubLoggingProvider implements SLF4JServiceProvider {
    private static final LogSink SINK = new LogSink();

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, n -> new WirehubLogger(n, SINK));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** The sink every logger writes to; the CLI configures it from its flags. */
    public static LogSink sink() {
        return SINK;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to load: the sink starts writing INFO and above to standard error.
    }
}
