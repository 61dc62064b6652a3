package io.wirehub.cli.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * The loads {@code wirehub bench} drives, each on its own connection and thread: publishers,
 * subscribers, requesters (with responders), connects. Every load is bounded by its message
 * count and by a deadline.
 */
final class Loads {
    private Loads() {
    }

    /** Publishes {@code count} messages and waits for the server to have them (flush). */
    static ClientRate publish(Supplier<Options.Builder> options, int client, String subject, long count, int size,
                              AtomicLong progress, Duration deadline) throws Exception {
        byte[] payload = new byte[size];
        try (Connection nc = Nats.connect(options.get().connectionName("wirehub bench pub " + client).build())) {
            long started = System.nanoTime();
            for (long i = 0; i < count; i++) {
                nc.publish(subject, payload);
                if ((i & 1023) == 0) {
                    progress.addAndGet(Math.min(1024, count - i));
                }
            }
            nc.flush(deadline);
            return new ClientRate("pub", client, count, count * size, System.nanoTime() - started);
        }
    }

    /** A subscriber that counts until it has {@code expected} messages, measured first to last. */
    static final class Subscriber implements AutoCloseable {
        private final Connection nc;
        private final int client;
        private final long expected;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        /** Written by the dispatcher thread, read after {@link #done}. */
        private volatile long first;
        private volatile long last;

        Subscriber(Supplier<Options.Builder> options, int client, String subject, long expected, AtomicLong progress)
                throws Exception {
            this.nc = Nats.connect(options.get().connectionName("wirehub bench sub " + client).build());
            this.client = client;
            this.expected = expected;
            Dispatcher dispatcher = nc.createDispatcher(message -> {
                long n = received.incrementAndGet();
                long now = System.nanoTime();
                if (n == 1) {
                    first = now;
                }
                bytes.addAndGet(message.getData() == null ? 0 : message.getData().length);
                if ((n & 1023) == 0) {
                    progress.addAndGet(1024);
                }
                if (n == expected) {
                    last = now;
                    done.countDown();
                }
            });
            dispatcher.setPendingLimits(-1, -1);
            dispatcher.subscribe(subject);
            nc.flush(Duration.ofSeconds(10));
        }

        ClientRate await(Duration deadline) throws Exception {
            if (!done.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchException("subscriber " + client + " received " + received.get() + " of " + expected
                        + " messages within " + deadline.toSeconds() + " s");
            }
            return new ClientRate("sub", client, expected, bytes.get(), last - first);
        }

        @Override
        public void close() throws InterruptedException {
            nc.close();
        }
    }

    /** Sends {@code count} requests one after another, recording each round trip in microseconds. */
    static ClientRate request(Supplier<Options.Builder> options, int client, String subject, long count, int size,
                              Recorder latencies, AtomicLong progress, Duration timeout) throws Exception {
        byte[] payload = new byte[size];
        try (Connection nc = Nats.connect(options.get().connectionName("wirehub bench req " + client).build())) {
            long started = System.nanoTime();
            for (long i = 0; i < count; i++) {
                long sent = System.nanoTime();
                java.util.concurrent.CompletableFuture<Message> future = nc.requestWithTimeout(subject, payload, timeout);
                Message reply;
                try {
                    reply = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.CancellationException | java.util.concurrent.TimeoutException
                         | java.util.concurrent.ExecutionException e) {
                    // jnats cancels a request for no responders as well as for a timeout: it says which.
                    boolean timedOut = !(future instanceof io.nats.client.support.NatsRequestCompletableFuture f)
                            || f.wasCancelledTimedOut() || e instanceof java.util.concurrent.TimeoutException;
                    throw new BenchException("request " + (i + 1) + " on \"" + subject + "\" got "
                            + (timedOut ? "no reply within " + timeout.toMillis() + " ms" : "no responders"));
                }
                if (reply.isStatusMessage()) {
                    throw new BenchException("request " + (i + 1) + " on \"" + subject + "\" got no responders");
                }
                latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                progress.incrementAndGet();
            }
            return new ClientRate("req", client, count, count * size, System.nanoTime() - started);
        }
    }

    /** Responders answering with the request's own payload, on a queue group so they share the load. */
    static List<Connection> responders(Supplier<Options.Builder> options, int count, String subject) throws Exception {
        List<Connection> responders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Connection nc = Nats.connect(options.get().connectionName("wirehub bench reply " + i).build());
            Dispatcher dispatcher = nc.createDispatcher(m -> nc.publish(m.getReplyTo(), m.getData()));
            dispatcher.setPendingLimits(-1, -1);
            dispatcher.subscribe(subject, "wirehub-bench");
            nc.flush(Duration.ofSeconds(10));
            responders.add(nc);
        }
        return responders;
    }

    /** Connects and closes {@code count} times, recording each connect (until CONNECTED) in microseconds. */
    static ClientRate connect(Supplier<Options.Builder> options, int client, long count, Recorder latencies,
                              AtomicLong progress) throws Exception {
        long started = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long begin = System.nanoTime();
            Connection nc = Nats.connect(options.get().connectionName("wirehub bench connect " + client).build());
            latencies.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
            nc.close();
            progress.incrementAndGet();
        }
        return new ClientRate("connect", client, count, 0, System.nanoTime() - started);
    }
}
