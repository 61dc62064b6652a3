package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Connection set-up, one connection after another: from the TCP connect to the server's PONG
 * after CONNECT (raw), or until {@code Nats.connect} returns (jnats, which also starts its
 * threads). Each connection is closed before the next one starts.
 */
final class ConnectSetup implements Scenario {
    private final int connections;
    private final boolean raw;

    ConnectSetup(int connections, boolean raw) {
        this.connections = connections;
        this.raw = raw;
    }

    @Override
    public String name() {
        return "connection set-up (" + (raw ? "raw" : "jnats") + ")";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(50, (int) (connections * scale));
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        Histogram histogram = LatencyFigures.histogram();
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            if (raw) {
                RawConnection connection = RawConnection.open(server, "");
                histogram.recordValue(System.nanoTime() - start);
                connection.close();
            } else {
                Connection connection = Nats.connect(options);
                histogram.recordValue(System.nanoTime() - start);
                connection.close();
            }
        }
        return LatencyFigures.withRate(histogram, (System.nanoTime() - begin) / 1e9, "conn/s");
    }
}
