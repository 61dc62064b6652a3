package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * JetStream publishing with jnats: one publisher into a fresh stream (file or memory storage),
 * either waiting for each PubAck before the next publish, or keeping up to N publishes in flight
 * (publishAsync, a permit given back as each PubAck arrives). Reports the rate of acknowledged
 * messages and the PubAck latency (publish to PubAck) percentiles. The stream is deleted after
 * each run, so every round starts from an empty store.
 */
final class JsPublish implements Scenario {
    private static final int PAYLOAD = 16;
    private static final String STREAM = "BENCH";
    private static final String SUBJECT = "bench.js";

    private final String name;
    private final StorageType storage;
    private final int inFlight;
    private final int messages;
    private final boolean syncAlways;

    JsPublish(String name, StorageType storage, int inFlight, int messages) {
        this(name, storage, inFlight, messages, false);
    }

    private JsPublish(String name, StorageType storage, int inFlight, int messages, boolean syncAlways) {
        this.name = name;
        this.storage = storage;
        this.inFlight = inFlight;
        this.messages = messages;
        this.syncAlways = syncAlways;
    }

    /**
     * Into a file stream on servers running {@code sync_interval: always}, with {@code inFlight}
     * publishes outstanding. Wirehub only: Debian's nats-server 2.9.10 does not know the option.
     */
    static JsPublish syncAlways(int inFlight, int messages) {
        return new JsPublish("js publish file sync_interval always " + inFlight + " in flight", StorageType.File,
                inFlight, messages, true);
    }

    @Override
    public boolean needsSyncAlways() {
        return syncAlways;
    }

    @Override
    public boolean runsOn(BenchServer server) {
        return !syncAlways || server.name().equals("wirehub");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        try (Connection nc = Nats.connect(options)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            deleteIfPresent(jsm);
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(storage).build());
            JetStream js = nc.jetStream();
            Histogram histogram = LatencyFigures.histogram();
            long start = System.nanoTime();
            if (inFlight == 1) {
                publishWaiting(js, count, histogram, server);
            } else {
                publishInFlight(js, count, histogram, server);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long stored = jsm.getStreamInfo(STREAM).getStreamState().getMsgCount();
            if (stored != count) {
                throw new IllegalStateException(server.name() + ": " + stored + " stored of " + count + " acknowledged");
            }
            deleteIfPresent(jsm);
            return LatencyFigures.withRate(histogram, seconds, "msgs/s");
        }
    }

    private static void publishWaiting(JetStream js, int count, Histogram histogram, BenchServer server)
            throws Exception {
        byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            PublishAck ack = js.publish(SUBJECT, payload);
            histogram.recordValue(System.nanoTime() - sent);
            if (ack.getSeqno() != i + 1) {
                throw new IllegalStateException(server.name() + ": PubAck " + ack.getSeqno() + " for message " + (i + 1));
            }
        }
    }

    /** Publishes with at most {@link #inFlight} PubAcks outstanding; the latency is recorded as each arrives. */
    private void publishInFlight(JetStream js, int count, Histogram histogram, BenchServer server) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            permits.acquire();
            long sent = System.nanoTime();
            CompletableFuture<PublishAck> ack = js.publishAsync(SUBJECT, payload);
            ack.whenComplete((done, error) -> {
                long took = System.nanoTime() - sent;
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    // PubAcks may complete on more than one jnats thread.
                    synchronized (histogram) {
                        histogram.recordValue(took);
                    }
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(inFlight, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(server.name() + ": PubAcks still missing after 30 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(server.name() + ": a publish failed", failure.get());
        }
    }

    private static void deleteIfPresent(JetStreamManagement jsm) throws Exception {
        try {
            jsm.deleteStream(STREAM);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10059) {
                throw e;
            }
        }
    }
}
