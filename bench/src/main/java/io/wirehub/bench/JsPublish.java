package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * JetStream publishing with jnats: one publisher into a fresh stream (file or memory storage),
 * either waiting for each PubAck before the next publish, or keeping up to N publishes in flight
 * (publishAsync, a permit given back as each PubAck arrives). Reports the rate of acknowledged
 * messages and the PubAck latency (publish to PubAck) percentiles. The stream is deleted after
 * each run, so every round starts from an empty store.
 */
final class JsPublish implements Scenario {
    private static final String STREAM = "BENCH";
    private static final String SUBJECT = "bench.js";

    private final String name;
    private final StorageType storage;
    private final int payloadSize;
    private final int inFlight;
    private final int messages;

    JsPublish(StorageType storage, int payloadSize, int inFlight, int messages) {
        this.name = "js publish " + Sizes.label(payloadSize) + " " + storage.toString().toLowerCase(java.util.Locale.ROOT)
                + (inFlight == 1 ? " sync" : " async " + inFlight + " in flight");
        this.storage = storage;
        this.payloadSize = payloadSize;
        this.inFlight = inFlight;
        this.messages = messages;
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
        try (Connection nc = JsStreams.connect(server)) {
            JetStreamManagement jsm = JsStreams.management(nc);
            JsStreams.deleteIfPresent(jsm, STREAM);
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(storage).build());
            Histogram histogram = LatencyFigures.histogram();
            long start = System.nanoTime();
            int sent = JsStreams.publish(JsStreams.context(nc), SUBJECT, new byte[payloadSize], inFlight, count,
                    Long.MAX_VALUE, histogram, server.name());
            double seconds = (System.nanoTime() - start) / 1e9;
            JsStreams.expectStored(jsm, STREAM, sent, server.name());
            JsStreams.deleteIfPresent(jsm, STREAM);
            return LatencyFigures.withRate(histogram, seconds, "msgs/s");
        }
    }
}
