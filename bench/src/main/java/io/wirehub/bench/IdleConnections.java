package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Many idle clients: opens N raw connections (each through CONNECT and PING/PONG), measures what
 * the server holds for them, checks every one still answers a PING, and closes them. Each run
 * starts a fresh process of the server under test and measures against its figure just before
 * the connections: a server that already ran other loads would reuse memory it had grown then
 * (both Go and the JVM keep what they once took), hiding the connections' cost.
 */
final class IdleConnections implements Scenario {
    private final int connections;

    IdleConnections(int connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "%,d idle connections", connections);
    }

    @Override
    public List<Figure> run(BenchServer warm, double scale) throws Exception {
        try (BenchServer fresh = warm.startAnother()) {
            return measure(fresh, Math.max(100, (int) (connections * scale)));
        }
    }

    private List<Figure> measure(BenchServer server, int count) throws Exception {
        boolean jvm = server.isJvm();
        long residentBefore = ServerMemory.residentBytes(server.pid());
        long heapBefore = jvm ? ServerMemory.liveHeapBytes(server.pid()) : 0;
        List<RawConnection> open = new ArrayList<>(count);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                open.add(RawConnection.open(server, ""));
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long residentAfter = ServerMemory.residentBytes(server.pid());
            long heapAfter = jvm ? ServerMemory.liveHeapBytes(server.pid()) : 0;
            for (RawConnection connection : open) {
                connection.ping();
            }
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.throughput("conn/s", count / openSeconds));
            figures.add(new Figure("RSS per connection", "KiB", false, (residentAfter - residentBefore) / 1024.0 / count));
            figures.add(new Figure("RSS with them open", "MB", false, residentAfter / 1e6));
            if (jvm) {
                figures.add(new Figure("live heap per connection", "KiB", false, (heapAfter - heapBefore) / 1024.0 / count));
            }
            return figures;
        } finally {
            open.forEach(RawConnection::close);
        }
    }
}
