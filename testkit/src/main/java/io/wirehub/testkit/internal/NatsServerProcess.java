package io.wirehub.testkit.internal;

import io.wirehub.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real nats-server, started on 127.0.0.1 and a free port for side-by-side checks. The binary
 * comes from the system property {@code nats.server.binary} (default /usr/sbin/nats-server);
 * tests call {@link #available()} and skip when it is missing.
 */
public final class NatsServerProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("(?:nats|tls)://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern MONITORING_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern WEBSOCKET_PORT = Pattern.compile("wss?://[^:\"]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path directory;
    private final int port;
    private final int monitoringPort;

    private NatsServerProcess(Process process, Path directory, int port, int monitoringPort) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.monitoringPort = monitoringPort;
    }

    public static String binary() {
        return System.getProperty("nats.server.binary", "/usr/sbin/nats-server");
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(binary()));
    }

    /**
     * Starts nats-server and waits until its ports file names the client port.
     *
     * @param configText a config in the NATS format, or null for none
     */
    public static NatsServerProcess start(String configText) {
        return start(configText, false);
    }

    /**
     * Starts nats-server, with its HTTP monitoring on a free port of 127.0.0.1 when
     * {@code monitoring} is true.
     */
    public static NatsServerProcess start(String configText, boolean monitoring) {
        return start(configText, monitoring, List.of());
    }

    /**
     * Starts nats-server with extra command-line flags (such as {@code -js -sd DIR}), with its HTTP
     * monitoring on a free port when {@code monitoring} is true.
     */
    public static NatsServerProcess start(String configText, boolean monitoring, List<String> flags) {
        try {
            Path directory = Files.createTempDirectory("nats-server-");
            List<String> command = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", "-1",
                    "--ports_file_dir", directory.toString()));
            if (monitoring) {
                command.addAll(List.of("-m", "-1"));
            }
            command.addAll(flags);
            if (configText != null) {
                Path config = directory.resolve("server.conf");
                Files.writeString(config, configText, StandardCharsets.UTF_8);
                command.add("-c");
                command.add(config.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile()).start();
            int port = Await.value(START_TIMEOUT, () -> readPort(directory, PORT), p -> p > 0 || !process.isAlive(),
                    "nats-server to write its ports file");
            if (port <= 0) {
                throw new IllegalStateException("nats-server exited: " + Files.readString(directory.resolve("server.log")));
            }
            int http = monitoring ? readPort(directory, MONITORING_PORT) : 0;
            return new NatsServerProcess(process, directory, port, http);
        } catch (IOException e) {
            throw new UncheckedIOException("starting nats-server", e);
        }
    }

    private static int readPort(Path directory, Pattern url) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ports")).toList()) {
                Matcher m = url.matcher(Files.readString(file));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // Not written yet: try again.
        }
        return -1;
    }

    /** The WebSocket port from the ports file, when the config has a websocket block; else -1. */
    public int webSocketPort() {
        return readPort(directory, WEBSOCKET_PORT);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT} of the monitoring endpoints; started with monitoring only. */
    public String monitoringUrl() {
        if (monitoringPort <= 0) {
            throw new IllegalStateException("nats-server was started without monitoring");
        }
        return "http://127.0.0.1:" + monitoringPort;
    }

    /** What the server logged so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
