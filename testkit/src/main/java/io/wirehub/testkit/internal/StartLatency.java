package io.wirehub.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * How soon a freshly started server process accepts its first TCP connection, and sends INFO on
 * it, as a test harness sees it: the clock starts just before the process is started, a client
 * polls 127.0.0.1:PORT with connect attempts until one succeeds, then reads the INFO line. The
 * process is stopped with SIGTERM after each start.
 */
public final class StartLatency {
    /** Between refused connect attempts: short, so the figure is not rounded up by the polling. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** One start: nanoseconds from starting the process to the connect, and to the whole INFO line. */
    public record Start(long connectNanos, long infoNanos) {
    }

    /** Several starts, with their median and worst. */
    public record Figures(List<Start> starts) {
        public double medianConnectMillis() {
            return median(starts.stream().map(Start::connectNanos).toList());
        }

        public double worstConnectMillis() {
            return starts.stream().mapToLong(Start::connectNanos).max().orElse(0) / 1e6;
        }

        public double medianInfoMillis() {
            return median(starts.stream().map(Start::infoNanos).toList());
        }

        public double worstInfoMillis() {
            return starts.stream().mapToLong(Start::infoNanos).max().orElse(0) / 1e6;
        }

        public String summary() {
            return String.format("%d starts: exec→connect median %.1f ms, worst %.1f ms; exec→INFO median %.1f ms,"
                    + " worst %.1f ms", starts.size(), medianConnectMillis(), worstConnectMillis(), medianInfoMillis(),
                    worstInfoMillis());
        }

        private static double median(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            int n = sorted.size();
            if (n == 0) {
                return 0;
            }
            return (n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0) / 1e6;
        }
    }

    private StartLatency() {
    }

    /**
     * Starts the process {@code runs} times on a free port each time and measures each start.
     *
     * @param command  the process for a port (its output should go to a file or be discarded)
     * @param deadline how long one start may take to send INFO before it counts as failed
     * @throws AssertionError when a start does not accept, or send INFO, within {@code deadline}
     */
    public static Figures measure(IntFunction<ProcessBuilder> command, int runs, Duration deadline)
            throws IOException, InterruptedException {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            starts.add(once(command, freePort(), deadline));
        }
        return new Figures(starts);
    }

    /** One start on {@code port}. */
    public static Start once(IntFunction<ProcessBuilder> command, int port, Duration deadline)
            throws IOException, InterruptedException {
        ProcessBuilder builder = command.apply(port);
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long end = started + deadline.toNanos();
            Socket socket = connect(port, end, process);
            long connected = System.nanoTime();
            try (socket) {
                readInfo(socket, end);
            }
            return new Start(connected - started, System.nanoTime() - started);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Socket connect(int port, long end, Process process) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        while (true) {
            Socket socket = new Socket();
            try {
                socket.connect(address);
                return socket;
            } catch (ConnectException refused) {
                socket.close();
                if (System.nanoTime() > end || !process.isAlive()) {
                    throw new AssertionError("nothing accepted on port " + port + (process.isAlive()
                            ? " within the deadline" : "; the process exited with " + process.exitValue()));
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static void readInfo(Socket socket, long end) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        while (!line.toString().endsWith("\r\n")) {
            int left = (int) Math.max(1, (end - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout(left);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no INFO within the deadline; read so far: " + line);
            }
            if (b < 0) {
                throw new AssertionError("closed before INFO; read: " + line);
            }
            line.append((char) b);
        }
        if (!line.toString().startsWith("INFO {")) {
            throw new AssertionError("expected INFO, got: " + line.toString().trim());
        }
    }

    /** A port free a moment ago: bound and released, for the process to bind. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
