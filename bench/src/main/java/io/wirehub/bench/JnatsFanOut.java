package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing with jnats on each side, what a Java user sees: one publisher and N subscriber
 * connections (each a dispatcher with unlimited pending). Measured at the subscribers from the
 * first delivery to the last; pub-only (no subscriber) is timed from the first publish until the
 * flush returns. Shapes as in {@link RawFanOut}.
 */
final class JnatsFanOut implements Scenario {
    private static final String SUBJECT = "bench.pubsub";

    private final int payloadSize;
    private final int subscribers;
    private final boolean queueGroup;
    private final int messages;
    private final BenchTransport transport;

    JnatsFanOut(int payloadSize, int subscribers, boolean queueGroup, int messages, BenchTransport transport) {
        this.payloadSize = payloadSize;
        this.subscribers = subscribers;
        this.queueGroup = queueGroup;
        this.messages = messages;
        this.transport = transport;
    }

    static JnatsFanOut pubSub(int payloadSize, int messages, BenchTransport transport) {
        return new JnatsFanOut(payloadSize, 1, false, messages, transport);
    }

    @Override
    public String name() {
        return FanOutShape.label(subscribers, queueGroup) + " " + Sizes.label(payloadSize) + " (jnats"
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
        List<Connection> receivers = new ArrayList<>();
        try {
            long deliveries = queueGroup ? count : (long) count * subscribers;
            AtomicLong received = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            // The first delivery's time is set before its count is taken, so the latch publishes both.
            AtomicLong firstNanos = new AtomicLong();
            long[] lastNanos = new long[1];
            for (int i = 0; i < subscribers; i++) {
                Connection connection = Nats.connect(options);
                receivers.add(connection);
                Dispatcher dispatcher = connection.createDispatcher(msg -> {
                    if (firstNanos.get() == 0) {
                        firstNanos.compareAndSet(0, System.nanoTime());
                    }
                    if (received.incrementAndGet() == deliveries) {
                        lastNanos[0] = System.nanoTime();
                        done.countDown();
                    }
                });
                if (queueGroup) {
                    dispatcher.subscribe(SUBJECT, "workers");
                } else {
                    dispatcher.subscribe(SUBJECT);
                }
                dispatcher.setPendingLimits(-1, -1);
                connection.flush(Duration.ofSeconds(5));
            }
            // The publisher stays open until the last delivery: jnats connections built from one
            // Options share its executor, and closing one early stalled the others' dispatchers.
            try (Connection publisher = Nats.connect(options)) {
                byte[] payload = new byte[payloadSize];
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    publisher.publish(SUBJECT, payload);
                }
                publisher.flush(Duration.ofSeconds(60));
                if (subscribers == 0) {
                    return figures(count / ((System.nanoTime() - start) / 1e9));
                }
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(server.name() + ": subscribers got " + received.get() + " of "
                            + deliveries + " messages");
                }
            }
            return figures((deliveries - 1) / ((lastNanos[0] - firstNanos.get()) / 1e9));
        } finally {
            for (Connection connection : receivers) {
                connection.close();
            }
        }
    }

    private List<Figure> figures(double rate) {
        return List.of(Figure.throughput("msgs/s", rate), Figure.throughput("MB/s", rate * payloadSize / 1e6));
    }
}
