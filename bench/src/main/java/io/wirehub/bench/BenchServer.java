package io.wirehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, run as its own OS process on 127.0.0.1 so client and server do not share a
 * JVM: Wirehub from its fat jar, or the real nats-server binary.
 */
final class BenchServer implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    /** Null unless started with the extra transports. */
    private final TransportEndpoints endpoints;
    /** The command line, for {@link #startAnother()}. */
    private final List<String> command;

    private BenchServer(String name, Process process, int port, TransportEndpoints endpoints, List<String> command) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.endpoints = endpoints;
        this.command = command;
    }

    /**
     * A fresh process of the same server with the same options on another port: for measuring
     * what a load adds to a server that has not run anything yet (memory).
     */
    BenchServer startAnother() throws IOException {
        int newPort = freePort();
        List<String> copy = new ArrayList<>(command);
        int portArgument = copy.indexOf("-p") + 1;
        copy.set(portArgument, Integer.toString(newPort));
        return start(name, copy, newPort, null);
    }

    /**
     * A fresh process of the same server (same JVM options) on another port, with its JetStream
     * arguments ({@code -js -sd DIR}) replaced by {@code jetStream}: a store of its own, or a
     * configuration file ({@code -c FILE}).
     */
    BenchServer startAnother(List<String> jetStream) throws IOException {
        int newPort = freePort();
        return start(name, withJetStream(command, newPort, jetStream), newPort, null);
    }

    /** {@code command} on {@code port}, its {@code -js [-sd DIR]} replaced by {@code jetStream} (at the end). */
    static List<String> withJetStream(List<String> command, int port, List<String> jetStream) {
        List<String> copy = new ArrayList<>(command);
        copy.set(copy.indexOf("-p") + 1, Integer.toString(port));
        int js = copy.indexOf("-js");
        if (js >= 0) {
            int end = copy.indexOf("-sd") == js + 1 ? js + 3 : js + 1;
            copy.subList(js, end).clear();
        }
        copy.addAll(jetStream);
        return copy;
    }

    /** Ends the process at once (SIGKILL), as a crash would: nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** @param endpoints extra listeners (TLS, WebSocket, Unix socket), or null for plain TCP only */
    static BenchServer wirehub(Path jar, List<String> jvmOptions, TransportEndpoints endpoints) throws IOException {
        return wirehub(jar, jvmOptions, endpoints, List.of());
    }

    /** @param extra more {@code serve} arguments, as nats-server takes them ({@code -js -sd DIR}) */
    static BenchServer wirehub(Path jar, List<String> jvmOptions, TransportEndpoints endpoints, List<String> extra)
            throws IOException {
        List<String> serveArgs = new ArrayList<>(configArguments(endpoints));
        serveArgs.addAll(extra);
        return wirehub(jar, jvmOptions, serveArgs, endpoints);
    }

    /** Wirehub with extra {@code serve} arguments (-js and its --store_dir, say). */
    static BenchServer wirehubWithArgs(Path jar, List<String> jvmOptions, List<String> serveArgs) throws IOException {
        return wirehub(jar, jvmOptions, serveArgs, null);
    }

    /**
     * Wirehub from a class path holding the cli module rather than from its fat jar: for tests,
     * which run before any jar is packaged.
     */
    static BenchServer wirehubFromClassPath(String classPath, List<String> jvmOptions, List<String> serveArgs)
            throws IOException {
        return wirehub(List.of("-cp", classPath, "io.wirehub.cli.Main"), jvmOptions, serveArgs, null);
    }

    private static BenchServer wirehub(Path jar, List<String> jvmOptions, List<String> serveArgs,
                                       TransportEndpoints endpoints) throws IOException {
        return wirehub(List.of("-jar", jar.toString()), jvmOptions, serveArgs, endpoints);
    }

    /** @param launch what follows the JVM options: {@code -jar JAR}, or a class path and the main class */
    private static BenchServer wirehub(List<String> launch, List<String> jvmOptions, List<String> serveArgs,
                                       TransportEndpoints endpoints) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        command.addAll(List.of("serve", "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(serveArgs);
        return start("wirehub", command, port, endpoints);
    }

    static BenchServer natsServer(Path binary, TransportEndpoints endpoints) throws IOException {
        return natsServer(binary, endpoints, List.of());
    }

    /** @param extra more arguments ({@code -js -sd DIR}) */
    static BenchServer natsServer(Path binary, TransportEndpoints endpoints, List<String> extra) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)));
        command.addAll(configArguments(endpoints));
        command.addAll(extra);
        return start("nats-server", command, port, endpoints);
    }

    private static List<String> configArguments(TransportEndpoints endpoints) throws IOException {
        if (endpoints == null) {
            return List.of();
        }
        Path config = Files.createTempFile("bench-", ".conf");
        Files.writeString(config, endpoints.configText());
        return List.of("-c", config.toString());
    }

    private static BenchServer start(String name, List<String> command, int port, TransportEndpoints endpoints)
            throws IOException {
        Path log = Files.createTempFile("bench-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // As the launcher does: the JVM suspends threads with another signal than USR2 (lame duck).
        builder.environment().put("_JAVA_SR_SIGNUM", "39");
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited at start: " + Files.readString(log));
            }
            try {
                // Every listener must accept, not only the client port: a WebSocket listener may
                // open a moment after it.
                probe(port);
                if (endpoints != null) {
                    probe(endpoints.websocketPort());
                }
                return new BenchServer(name, process, port, endpoints, List.copyOf(command));
            } catch (IOException notYet) {
                sleepBriefly();
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " did not listen on " + port + " within 20 s");
    }

    private static void probe(int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nothing listens on now, on the loopback address (for the monitoring port, say). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The server's OS process (the JVM itself for Wirehub: no launcher script in between). */
    long pid() {
        return process.pid();
    }

    boolean isJvm() {
        return name.equals("wirehub");
    }

    TransportEndpoints endpoints() {
        return endpoints;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** The server's user and system CPU time so far, in clock ticks (Linux /proc), or zeros elsewhere. */
    long[] userAndSystemTicks() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** CPU time the server process has used so far (user and system), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
