package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One jnats publisher, one jnats subscriber, N messages of one size: what a Java user sees.
 * Measured at the subscriber, from the first message to the last.
 */
final class JnatsPubSub implements Scenario {
    private final int payloadSize;
    private final int messages;
    private final BenchTransport transport;

    JnatsPubSub(int payloadSize, int messages) {
        this(payloadSize, messages, BenchTransport.TCP);
    }

    JnatsPubSub(int payloadSize, int messages, BenchTransport transport) {
        this.payloadSize = payloadSize;
        this.messages = messages;
        this.transport = transport;
    }

    @Override
    public String name() {
        return "pub/sub 1→1 " + Sizes.label(payloadSize) + " (jnats"
                + (transport == BenchTransport.TCP ? "" : ", " + transport.label()) + ")";
    }

    @Override
    public boolean runsOn(BenchServer server) {
        return transport.options(server) != null;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        Options options = transport.options(server).build();
        try (Connection sub = Nats.connect(options); Connection pub = Nats.connect(options)) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            long[] firstAndLast = new long[2];
            Dispatcher dispatcher = sub.createDispatcher(msg -> {
                long n = received.incrementAndGet();
                if (n == 1) {
                    firstAndLast[0] = System.nanoTime();
                }
                if (n == count) {
                    firstAndLast[1] = System.nanoTime();
                    done.countDown();
                }
            });
            dispatcher.subscribe("bench.pubsub");
            dispatcher.setPendingLimits(-1, -1);
            sub.flush(Duration.ofSeconds(5));
            byte[] payload = new byte[payloadSize];
            for (int i = 0; i < count; i++) {
                pub.publish("bench.pubsub", payload);
            }
            pub.flush(Duration.ofSeconds(30));
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(server.name() + ": subscriber got " + received.get() + " of " + count
                        + " messages (status " + sub.getStatus() + ")");
            }
            double seconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
            double rate = (count - 1) / seconds;
            return List.of(Figure.throughput("msgs/s", rate),
                    Figure.throughput("MB/s", rate * payloadSize / 1e6));
        }
    }
}
