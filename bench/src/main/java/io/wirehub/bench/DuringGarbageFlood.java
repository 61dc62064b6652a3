package io.wirehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bystander's load while attackers flood the server with garbage (issue 19): half of them send
 * random bytes, half an endless control line ({@code PUB xxxx...}), each reconnecting as soon as
 * the server cuts it off, until the bystander is done. What users feel is the bystander's worst
 * round trip; the attackers' connection count says how hard the server was pushed.
 */
final class DuringGarbageFlood implements Scenario {
    private final Scenario load;
    private final int attackers;

    DuringGarbageFlood(Scenario load, int attackers) {
        this.load = load;
        this.attackers = attackers;
    }

    @Override
    public String name() {
        return load.name() + String.format(Locale.ROOT, " during a garbage flood by %d connections", attackers);
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong connections = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            boolean endlessLine = i % 2 == 1;
            long seed = i;
            threads.add(Thread.ofPlatform().daemon().name("bench-garbage-" + i)
                    .start(() -> attack(server.port(), endlessLine, seed, done, connections)));
        }
        long started = System.nanoTime();
        List<Figure> figures;
        try {
            figures = new ArrayList<>(load.run(server, scale));
        } finally {
            done.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.add(Figure.throughput("garbage conns/s", connections.get() / seconds));
        return figures;
    }

    /** Connects, sends garbage until cut off, and again, until done. Bounded by the load's length. */
    private static void attack(int port, boolean endlessLine, long seed, AtomicBoolean done, AtomicLong connections) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[4096];
        while (!done.get()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(200);
                connections.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                if (endlessLine) {
                    Arrays.fill(chunk, (byte) 'x');
                    out.write("PUB ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                for (int i = 0; i < 64 && !done.get(); i++) {
                    if (!endlessLine) {
                        random.nextBytes(chunk);
                    }
                    out.write(chunk);
                    drain(in);
                }
            } catch (IOException e) {
                // Cut off by the server, as it should: connect again.
            }
        }
    }

    /** Reads what the server sent (INFO, -ERR) without waiting long. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            if (in.available() > 0 && in.read(sink) < 0) {
                throw new IOException("closed");
            }
        } catch (java.net.SocketTimeoutException e) {
            // Nothing to read.
        }
    }
}
