package io.wirehub.cli;

import io.wirehub.cli.logging.LogSink;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * nats-server's signals: TERM and INT stop (queued output flushed), USR2 enters lame duck mode
 * (and TERM or INT during it no longer cut it short), USR1 reopens the log file, HUP reloads the
 * config file (authorization, permissions and limits; other changes are reported, not applied).
 */
final class ServeSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ServeSignals.class);

    private ServeSignals() {
    }

    /**
     * @param reloadConfig reads the config file again and applies the command line's flags
     * @param applyLogging sets the log level, time stamps, file and rotation from a reloaded config
     */
    static void install(Wirehub server, LogSink log, Supplier<ServerConfig> reloadConfig,
                        java.util.function.Consumer<ServerConfig> applyLogging) {
        handle("TERM", signal -> stop(server, signal));
        handle("INT", signal -> stop(server, signal));
        if (jvmLeavesUsr2Alone()) {
            handle("USR2", signal -> server.enterLameDuckMode());
        } else {
            LOG.warn("SIGUSR2 (lame duck mode) is not handled: this JVM suspends threads with it (JFR and profilers"
                    + " would put the server in lame duck). Start it with ./wirehub, or set _JAVA_SR_SIGNUM=39");
        }
        handle("USR1", signal -> reopenLog(log));
        handle("HUP", signal -> reload(server, reloadConfig, applyLogging));
    }

    /**
     * HotSpot on Linux suspends threads (for JFR sampling, profilers, thread dumps) with SIGUSR2
     * unless {@code _JAVA_SR_SIGNUM} names another signal; a lame-duck handler on USR2 would then
     * fire whenever a recording runs. The launcher moves the JVM's signal out of the way.
     */
    static boolean jvmLeavesUsr2Alone() {
        String signal = System.getenv("_JAVA_SR_SIGNUM");
        return signal != null && !signal.isBlank() && !signal.trim().equals("12");
    }

    private static void reload(Wirehub server, Supplier<ServerConfig> reloadConfig,
                               java.util.function.Consumer<ServerConfig> applyLogging) {
        LOG.info("Trapped \"SIGHUP\" signal: reloading the configuration");
        try {
            ServerConfig next = reloadConfig.get();
            // Logging first, as nats-server: a raised level shows the reload's own lines.
            applyLogging.accept(next);
            server.reload(next);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                LOG.error("Failed to reload server configuration: {}", problem);
            }
        } catch (RuntimeException e) {
            LOG.error("Failed to reload server configuration: {}", e.toString());
        }
    }

    private static void stop(Wirehub server, Signal signal) {
        if (server.isLameDuck()) {
            LOG.info("Received SIG{} during lame duck mode: finishing lame duck first", signal.getName());
            return;
        }
        LOG.info("Trapped \"SIG{}\" signal", signal.getName());
        // Off the signal thread: close() waits for clients to flush.
        Thread.ofPlatform().name("wirehub-shutdown").start(server::close);
    }

    private static void reopenLog(LogSink log) {
        try {
            log.reopen();
            LOG.info("File log re-opened");
        } catch (IOException e) {
            LOG.error("Could not reopen the log file: {}", e.getMessage());
        }
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            // This JVM keeps the signal for itself (e.g. USR2 on some builds): say what is missing.
            LOG.warn("Signal SIG{} cannot be handled on this JVM: {}", name, e.getMessage());
        }
    }
}
