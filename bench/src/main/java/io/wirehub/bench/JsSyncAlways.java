package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * JetStream publishing to a file stream under {@code jetstream { sync_interval: always }}: every
 * PubAck follows an fsync, so the rate with many publishes in flight shows whether the store
 * commits them in groups (one fsync for all the writes waiting) rather than one by one.
 *
 * <p>Wirehub only: nats-server 2.9.10 rejects {@code sync_interval} (unknown field; it came with
 * 2.10). Each run starts a Wirehub process of its own with that configuration and a fresh store,
 * warms it up, then publishes for a fixed time at each number of publishes in flight.
 */
final class JsSyncAlways implements Scenario {
    private static final String STREAM = "SYNCED";
    private static final String SUBJECT = "bench.synced";
    private static final int PAYLOAD = 16;
    private static final int[] IN_FLIGHT = {1, 16, 256};

    private final double secondsPerLevel;

    JsSyncAlways(double secondsPerLevel) {
        this.secondsPerLevel = secondsPerLevel;
    }

    @Override
    public String name() {
        return "js publish 16 B file, sync_interval always (Wirehub only)";
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public boolean runsOn(BenchServer server) {
        return server.isJvm();
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        Path store = Files.createTempDirectory("bench-js-synced-");
        Path config = Files.createTempFile("bench-synced-", ".conf");
        Files.writeString(config, "jetstream {\n  store_dir: \"" + store + "\"\n  sync_interval: always\n}\n");
        List<Figure> figures = new ArrayList<>();
        try (BenchServer synced = server.startAnother(List.of("-c", config.toString()));
             Connection nc = JsStreams.connect(synced)) {
            JetStreamManagement jsm = JsStreams.management(nc);
            JetStream js = JsStreams.context(nc);
            // A fresh JVM: a second of the heaviest level first, so the figures are not the JIT's.
            publishInto(jsm, js, 256, TimeUnit.MILLISECONDS.toNanos(1000), null, synced.name());
            long levelNanos = (long) (Math.max(0.5, secondsPerLevel * scale) * 1e9);
            for (int inFlight : IN_FLIGHT) {
                Histogram histogram = LatencyFigures.histogram();
                long start = System.nanoTime();
                int sent = publishInto(jsm, js, inFlight, levelNanos, histogram, synced.name());
                double seconds = (System.nanoTime() - start) / 1e9;
                String level = inFlight + " in flight ";
                figures.add(new Figure(level + "msgs/s", "msgs/s", true, sent / seconds));
                for (Figure latency : LatencyFigures.of(histogram)) {
                    figures.add(new Figure(level + latency.name(), latency.unit(), false, latency.value()));
                }
            }
        } finally {
            Files.deleteIfExists(config);
            deleteTree(store);
        }
        return figures;
    }

    /** Publishes into a fresh stream for {@code nanos}, checks every acknowledged message is stored, removes it. */
    private static int publishInto(JetStreamManagement jsm, JetStream js, int inFlight, long nanos, Histogram histogram,
                                   String serverName) throws Exception {
        JsStreams.deleteIfPresent(jsm, STREAM);
        jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                .build());
        int sent = JsStreams.publish(js, SUBJECT, new byte[PAYLOAD], inFlight, Integer.MAX_VALUE,
                System.nanoTime() + nanos, histogram, serverName);
        JsStreams.expectStored(jsm, STREAM, sent, serverName);
        JsStreams.deleteIfPresent(jsm, STREAM);
        return sent;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
