package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** What the JetStream loads share: connecting, removing a stream, publishing with N PubAcks outstanding. */
final class JsStreams {
    /** nats-server's code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;

    /**
     * A JetStream API timeout of 10 s rather than jnats' 2 s: on a shared, busy machine deleting a
     * stream just written under sync_interval always took longer, and a load must not die of it.
     */
    static final JetStreamOptions OPTIONS = JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(10)).build();

    private JsStreams() {
    }

    static JetStreamManagement management(Connection nc) throws IOException {
        return nc.jetStreamManagement(OPTIONS);
    }

    static JetStream context(Connection nc) throws IOException {
        return nc.jetStream(OPTIONS);
    }

    static Connection connect(BenchServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    static void deleteIfPresent(JetStreamManagement jsm, String stream) throws Exception {
        try {
            jsm.deleteStream(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * Publishes until {@code count} messages are acknowledged or {@code deadlineNanos} (a
     * {@link System#nanoTime()} value) has passed, with at most {@code inFlight} PubAcks
     * outstanding; each publish-to-PubAck time goes into {@code histogram} (null: not recorded).
     *
     * @return how many messages were acknowledged
     */
    static int publish(JetStream js, String subject, byte[] payload, int inFlight, int count, long deadlineNanos,
                       Histogram histogram, String serverName) throws Exception {
        if (inFlight == 1) {
            return publishWaiting(js, subject, payload, count, deadlineNanos, histogram, serverName);
        }
        return publishInFlight(js, subject, payload, inFlight, count, deadlineNanos, histogram, serverName);
    }

    private static int publishWaiting(JetStream js, String subject, byte[] payload, int count, long deadlineNanos,
                                      Histogram histogram, String serverName) throws Exception {
        int sent = 0;
        while (sent < count && System.nanoTime() < deadlineNanos) {
            long start = System.nanoTime();
            PublishAck ack = js.publish(subject, payload);
            if (histogram != null) {
                histogram.recordValue(System.nanoTime() - start);
            }
            if (ack.hasError()) {
                throw new IllegalStateException(serverName + ": " + ack.getError());
            }
            sent++;
        }
        return sent;
    }

    private static int publishInFlight(JetStream js, String subject, byte[] payload, int inFlight, int count,
                                       long deadlineNanos, Histogram histogram, String serverName) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int sent = 0;
        while (sent < count && failure.get() == null && System.nanoTime() < deadlineNanos) {
            permits.acquire();
            long start = System.nanoTime();
            CompletableFuture<PublishAck> ack = js.publishAsync(subject, payload);
            ack.whenComplete((done, error) -> {
                long took = System.nanoTime() - start;
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (histogram != null) {
                    // PubAcks may complete on more than one jnats thread.
                    synchronized (histogram) {
                        histogram.recordValue(took);
                    }
                }
                permits.release();
            });
            sent++;
        }
        if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(serverName + ": PubAcks still missing after 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(serverName + ": a publish failed", failure.get());
        }
        return sent;
    }

    /** Checks that the stream holds {@code expected} messages, as every acknowledged one must be stored. */
    static void expectStored(JetStreamManagement jsm, String stream, long expected, String serverName)
            throws Exception {
        long stored = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        if (stored != expected) {
            throw new IllegalStateException(serverName + ": " + stored + " stored of " + expected + " acknowledged");
        }
    }
}
