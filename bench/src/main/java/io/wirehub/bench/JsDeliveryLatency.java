package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-delivery latency through a file stream: a push consumer (explicit acks, each message
 * acked in the handler) is in place first; one publisher then sends 16 B messages at a fixed rate
 * ({@code publishAsync}), each carrying its index. The time is taken from when the message was
 * due to be sent, not when it was, so a stall of the publisher counts against the server too
 * (no coordinated omission). Publisher and consumer are separate connections of one JVM.
 */
final class JsDeliveryLatency implements Scenario {
    private static final String STREAM = "LATENCY";
    private static final String SUBJECT = "bench.latency";

    private final int ratePerSecond;
    private final double seconds;

    JsDeliveryLatency(int ratePerSecond, double seconds) {
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
    }

    @Override
    public String name() {
        return "js publish-to-delivery 16 B file, push consumer, " + ratePerSecond + " msgs/s";
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = (int) Math.max(1000, ratePerSecond * seconds * scale);
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        long[] due = new long[count];
        Histogram histogram = LatencyFigures.histogram();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        try (Connection publisher = JsStreams.connect(server); Connection subscriber = JsStreams.connect(server)) {
            JetStreamManagement jsm = JsStreams.management(publisher);
            JsStreams.deleteIfPresent(jsm, STREAM);
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                    .build());
            Dispatcher dispatcher = subscriber.createDispatcher();
            PushSubscribeOptions options = PushSubscribeOptions.builder().stream(STREAM)
                    .configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit).build()).build();
            JsStreams.context(subscriber).subscribe(SUBJECT, dispatcher, msg -> {
                long now = System.nanoTime();
                int index = ByteBuffer.wrap(msg.getData()).getInt();
                // Only the dispatcher's thread records: no lock needed.
                histogram.recordValue(Math.max(0, now - due[index]));
                msg.ack();
                if (received.incrementAndGet() == count) {
                    done.countDown();
                }
            }, false, options);
            JetStream js = JsStreams.context(publisher);
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>(count);
            long start = System.nanoTime() + 1_000_000;
            for (int i = 0; i < count; i++) {
                due[i] = start + i * intervalNanos;
                long wait = due[i] - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] payload = ByteBuffer.allocate(16).putInt(i).array();
                acks.add(js.publishAsync(SUBJECT, payload));
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(server.name() + ": " + received.get() + " of " + count
                        + " delivered in 60 s");
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            subscriber.closeDispatcher(dispatcher);
            JsStreams.deleteIfPresent(jsm, STREAM);
        }
        return LatencyFigures.of(histogram);
    }
}
