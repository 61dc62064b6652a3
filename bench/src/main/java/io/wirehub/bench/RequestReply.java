package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Synchronous request-reply with jnats: one responder, one requester sending the next request as
 * soon as the reply arrives. Each round trip goes into an HdrHistogram.
 */
final class RequestReply implements Scenario {
    private final int requests;

    RequestReply(int requests) {
        this.requests = requests;
    }

    @Override
    public String name() {
        return "request-reply 16 B, 1 requester (jnats)";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(200, (int) (requests * scale));
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        try (Connection responder = Nats.connect(options); Connection requester = Nats.connect(options)) {
            responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData()))
                    .subscribe("bench.service");
            responder.flush(Duration.ofSeconds(5));
            byte[] payload = new byte[16];
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Message reply = requester.request("bench.service", payload, Duration.ofSeconds(5));
                long took = System.nanoTime() - start;
                if (reply == null) {
                    throw new IllegalStateException(server.name() + ": request " + i + " got no reply");
                }
                histogram.recordValue(took);
            }
            return List.of(
                    Scenario.Figure.latency("p50", histogram.getValueAtPercentile(50) / 1e3),
                    Scenario.Figure.latency("p90", histogram.getValueAtPercentile(90) / 1e3),
                    Scenario.Figure.latency("p99", histogram.getValueAtPercentile(99) / 1e3),
                    Scenario.Figure.latency("p99.9", histogram.getValueAtPercentile(99.9) / 1e3),
                    Scenario.Figure.latency("max", histogram.getMaxValue() / 1e3));
        }
    }
}
