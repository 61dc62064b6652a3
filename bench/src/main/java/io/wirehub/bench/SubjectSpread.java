package io.wirehub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Routing among many subscriptions: one raw subscriber holds N subscriptions on distinct subjects
 * ({@code bench.spread.<i>}), a raw publisher sends 16 B messages round-robin to 1,000 of them
 * spread over the whole range (a working set larger than the servers' per-publisher caches, far
 * smaller than N), and the subscriber counts what arrives. Also times subscribing all N.
 */
final class SubjectSpread implements Scenario {
    private static final int HOT_SUBJECTS = 1000;
    private static final int PAYLOAD = 16;
    private static final int WRITE_BATCH_BYTES = 64 * 1024;

    private final int subscriptions;
    private final int messages;

    SubjectSpread(int subscriptions, int messages) {
        this.subscriptions = subscriptions;
        this.messages = messages;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "pub/sub 16 B among %,d subscriptions (raw, batched)", subscriptions);
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        int hot = Math.min(HOT_SUBJECTS, subscriptions);
        try (RawConnection subscriber = RawConnection.open(server, "");
             RawConnection publisher = RawConnection.open(server, "")) {
            long start = System.nanoTime();
            subscribeAll(subscriber);
            double subscribeSeconds = (System.nanoTime() - start) / 1e9;
            byte[][] frames = new byte[hot][];
            long[] deliveredBytes = new long[hot];
            for (int k = 0; k < hot; k++) {
                int index = (int) ((long) k * subscriptions / hot);
                String subject = "bench.spread." + index;
                frames[k] = ("PUB " + subject + " " + PAYLOAD + "\r\n0123456789abcdef\r\n").getBytes(StandardCharsets.US_ASCII);
                deliveredBytes[k] = ("MSG " + subject + " " + (index + 1) + " " + PAYLOAD + "\r\n").length() + PAYLOAD + 2;
            }
            long expected = 0;
            for (int i = 0; i < count; i++) {
                expected += deliveredBytes[i % hot];
            }
            ByteCounter counter = ByteCounter.start(List.of(subscriber), expected);
            publish(publisher, frames, count);
            double seconds = counter.awaitSeconds(180);
            return List.of(Figure.throughput("msgs/s", count / seconds),
                    Figure.throughput("subs/s", subscriptions / subscribeSeconds));
        }
    }

    /** All SUBs in 64 KiB writes, then a PING: the PONG says the server has every one of them. */
    private void subscribeAll(RawConnection subscriber) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(WRITE_BATCH_BYTES + 64);
        for (int i = 0; i < subscriptions; i++) {
            batch.writeBytes(("SUB bench.spread." + i + " " + (i + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (batch.size() >= WRITE_BATCH_BYTES) {
                subscriber.write(batch.toByteArray());
                batch.reset();
            }
        }
        subscriber.write(batch.toByteArray());
        subscriber.ping();
    }

    private static void publish(RawConnection publisher, byte[][] frames, int count) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(WRITE_BATCH_BYTES + 64);
        for (int i = 0; i < count; i++) {
            batch.writeBytes(frames[i % frames.length]);
            if (batch.size() >= WRITE_BATCH_BYTES) {
                publisher.write(batch.toByteArray());
                batch.reset();
            }
        }
        publisher.write(batch.toByteArray());
    }
}
