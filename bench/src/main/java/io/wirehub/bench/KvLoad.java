package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Key-Value with jnats' {@link KeyValue} on a file bucket (history 1, the default): {@code put}
 * (one at a time, each waiting for its PubAck), {@code get} of keys written before (a direct get),
 * or a watch: one connection puts, another watches the bucket, and each update's latency is from
 * the put to its arrival at the watcher (the value carries the send time; one process, one clock).
 * The bucket is deleted after each run.
 */
final class KvLoad implements Scenario {
    enum Kind { PUT, GET, WATCH }

    private static final String BUCKET = "bench";
    private static final int KEYS = 1000;
    private static final int VALUE = 64;

    private final Kind kind;
    private final int operations;

    KvLoad(Kind kind, int operations) {
        this.kind = kind;
        this.operations = operations;
    }

    @Override
    public String name() {
        return switch (kind) {
            case PUT -> "kv put 64 B";
            case GET -> "kv get 64 B";
            case WATCH -> "kv watch 64 B (put → watcher)";
        };
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(500, (int) (operations * scale));
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        try (Connection nc = Nats.connect(options)) {
            KeyValueManagement kvm = nc.keyValueManagement();
            deleteIfPresent(kvm);
            kvm.create(KeyValueConfiguration.builder().name(BUCKET).storageType(StorageType.File).build());
            KeyValue kv = nc.keyValue(BUCKET);
            Histogram histogram = LatencyFigures.histogram();
            double seconds = switch (kind) {
                case PUT -> puts(kv, count, histogram);
                case GET -> gets(kv, count, histogram, server);
                case WATCH -> watched(server, kv, count, histogram);
            };
            deleteIfPresent(kvm);
            return LatencyFigures.withRate(histogram, seconds, "ops/s");
        }
    }

    private static double puts(KeyValue kv, int count, Histogram histogram) throws Exception {
        byte[] value = new byte[VALUE];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            kv.put("k" + (i % KEYS), value);
            histogram.recordValue(System.nanoTime() - sent);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double gets(KeyValue kv, int count, Histogram histogram, BenchServer server) throws Exception {
        byte[] value = new byte[VALUE];
        for (int i = 0; i < KEYS; i++) {
            kv.put("k" + i, value);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            KeyValueEntry entry = kv.get("k" + (i * 7919 % KEYS));
            histogram.recordValue(System.nanoTime() - sent);
            if (entry == null || entry.getValue().length != VALUE) {
                throw new IllegalStateException(server.name() + ": key k" + (i * 7919 % KEYS) + " missing");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Puts on one connection, a watcher of the whole bucket on another; done when every update arrived. */
    private static double watched(BenchServer server, KeyValue kv, int count, Histogram histogram) throws Exception {
        Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
        try (Connection watching = Nats.connect(options)) {
            CountDownLatch all = new CountDownLatch(count);
            KeyValueWatcher watcher = new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    byte[] v = entry.getValue();
                    if (v != null && v.length == VALUE) {
                        histogram.recordValue(Math.max(0, System.nanoTime() - ByteBuffer.wrap(v).getLong()));
                        all.countDown();
                    }
                }

                @Override
                public void endOfData() {
                }
            };
            try (NatsKeyValueWatchSubscription sub = watching.keyValue(BUCKET).watchAll(watcher)) {
                long start = System.nanoTime();
                ByteBuffer value = ByteBuffer.allocate(VALUE);
                for (int i = 0; i < count; i++) {
                    value.putLong(0, System.nanoTime());
                    kv.put("k" + (i % KEYS), value.array().clone());
                }
                if (!all.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(server.name() + ": " + all.getCount() + " updates never reached the watcher");
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }

    private static void deleteIfPresent(KeyValueManagement kvm) throws Exception {
        try {
            kvm.delete(BUCKET);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10059) {
                throw e;
            }
        }
    }
}
