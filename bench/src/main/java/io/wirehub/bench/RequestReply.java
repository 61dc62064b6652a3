package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;

/**
 * Synchronous request-reply with jnats: one responder (a dispatcher), and N requesters, each its
 * own connection on its own thread, sending the next request as soon as its reply arrives. Every
 * round trip goes into an HdrHistogram.
 */
final class RequestReply implements Scenario {
    private final int requests;
    private final int requesters;

    RequestReply(int requests, int requesters) {
        this.requests = requests;
        this.requesters = requesters;
    }

    @Override
    public String name() {
        return "request-reply 16 B, " + requesters + (requesters == 1 ? " requester" : " requesters") + " (jnats)";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int perRequester = Math.max(200, (int) (requests * scale) / requesters);
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        List<Connection> connections = new ArrayList<>();
        try (Connection responder = Nats.connect(options)) {
            responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData()))
                    .subscribe("bench.service");
            responder.flush(Duration.ofSeconds(5));
            List<Callable<Histogram>> loads = new ArrayList<>();
            for (int r = 0; r < requesters; r++) {
                Connection requester = Nats.connect(options);
                connections.add(requester);
                loads.add(() -> requestLoop(server, requester, perRequester));
            }
            return ConcurrentRequesters.run(loads, requesters > 1);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static Histogram requestLoop(BenchServer server, Connection requester, int count) throws Exception {
        byte[] payload = new byte[16];
        Histogram histogram = LatencyFigures.histogram();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Message reply = requester.request("bench.service", payload, Duration.ofSeconds(5));
            long took = System.nanoTime() - start;
            if (reply == null) {
                throw new IllegalStateException(server.name() + ": request " + i + " got no reply");
            }
            histogram.recordValue(took);
        }
        return histogram;
    }
}
