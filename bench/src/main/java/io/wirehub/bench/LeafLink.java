package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Messages through a leaf link: a jnats client on the leaf publishes 16 B messages to a
 * subscriber on a nats-server hub (the rate), then sends requests to a responder on the hub (the
 * round trip). The server measured is the leaf; the hub is nats-server in both cases, so the
 * ratio compares Wirehub's leaf link with nats-server's on the same path.
 *
 * <p>Each run starts a hub and a leaf process of its own (the measured server's command with a
 * {@code leafnodes { remotes }} config), waits until the link carries a probe, warms both up with
 * a share of the load, then measures.
 */
final class LeafLink implements Scenario {
    private static final String SUBJECT = "bench.leaf.up";
    private static final String SERVICE = "bench.leaf.service";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path natsServer;
    private final int messages;
    private final int requests;

    LeafLink(Path natsServer, int messages, int requests) {
        this.natsServer = natsServer;
        this.messages = messages;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "leaf link 16 B: leaf client → nats-server hub (jnats)";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int leafPort = BenchServer.freePort();
        Path hubConfig = Files.createTempFile("bench-leaf-hub-", ".conf");
        Path leafConfig = Files.createTempFile("bench-leaf-", ".conf");
        Files.writeString(hubConfig, "server_name: BENCHHUB\nleafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n");
        Files.writeString(leafConfig, "server_name: BENCHLEAF\nleafnodes { remotes [ { url: \"nats-leaf://127.0.0.1:"
                + leafPort + "\" } ] }\n");
        try (BenchServer hub = BenchServer.natsServer(natsServer, null, List.of("-c", hubConfig.toString()));
             BenchServer leaf = server.startAnother(List.of("-c", leafConfig.toString()));
             Connection onHub = connect(hub);
             Connection onLeaf = connect(leaf)) {
            Dispatcher responder = onHub.createDispatcher(m -> onHub.publish(m.getReplyTo(), m.getData()));
            responder.subscribe(SERVICE);
            awaitLink(onLeaf, onHub, server.name());
            // A fresh leaf process: a share of the load first, so the figures are not the JIT's.
            publishThrough(onLeaf, onHub, Math.max(20_000, messages / 5), server.name());
            requestThrough(onLeaf, Math.max(1000, requests / 5), server.name());

            int count = Math.max(20_000, (int) (messages * scale));
            double seconds = publishThrough(onLeaf, onHub, count, server.name());
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.throughput("msgs/s", count / seconds));
            Histogram histogram = requestThrough(onLeaf, Math.max(1000, (int) (requests * scale)), server.name());
            figures.addAll(LatencyFigures.of(histogram));
            return figures;
        } finally {
            Files.deleteIfExists(hubConfig);
            Files.deleteIfExists(leafConfig);
        }
    }

    private static Connection connect(BenchServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** Publishes a probe from the leaf until the hub's subscriber gets one: the link is up both ways. */
    private static void awaitLink(Connection onLeaf, Connection onHub, String name) throws Exception {
        Subscription probe = onHub.subscribe("bench.leaf.probe");
        onHub.flush(WAIT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            onLeaf.publish("bench.leaf.probe", new byte[0]);
            onLeaf.flush(WAIT);
            if (probe.nextMessage(Duration.ofMillis(100)) != null) {
                probe.unsubscribe();
                onHub.flush(WAIT);
                // The responder's interest was sent before the probe's: it is there too.
                return;
            }
        }
        throw new IllegalStateException(name + " as a leaf: no message crossed the link within 20 s");
    }

    /**
     * Publishes {@code count} messages on the leaf and waits until the hub's subscriber has them
     * all; returns the seconds from the first publish to the last arrival.
     */
    private static double publishThrough(Connection onLeaf, Connection onHub, int count, String name) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        Dispatcher subscriber = onHub.createDispatcher(m -> received.countDown());
        subscriber.setPendingLimits(-1, -1);
        subscriber.subscribe(SUBJECT);
        try {
            // The subscription must reach the leaf before the first message: a probe behind it.
            awaitLink(onLeaf, onHub, name);
            byte[] payload = new byte[16];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                onLeaf.publish(SUBJECT, payload);
            }
            onLeaf.flush(WAIT);
            if (!received.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " as a leaf: " + received.getCount() + " of " + count
                        + " messages never reached the hub");
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            onHub.closeDispatcher(subscriber);
        }
    }

    private static Histogram requestThrough(Connection onLeaf, int count, String name) throws Exception {
        byte[] payload = new byte[16];
        Histogram histogram = LatencyFigures.histogram();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Message reply = onLeaf.request(SERVICE, payload, Duration.ofSeconds(5));
            long took = System.nanoTime() - start;
            if (reply == null) {
                throw new IllegalStateException(name + " as a leaf: request " + i + " got no reply");
            }
            histogram.recordValue(took);
        }
        return histogram;
    }
}
