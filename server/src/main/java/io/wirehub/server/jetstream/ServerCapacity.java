package io.wirehub.server.jetstream;

import io.wirehub.server.stats.JetStreamStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's JetStream memory and storage limits, and what every account's streams use and
 * reserve against them. What is used is summed once a second ({@link #refresh}), so a publish
 * compares against a figure at most a second old rather than walking every stream; what is
 * reserved (streams' max_bytes) is summed when a stream is created.
 */
final class ServerCapacity {
    private final long maxMemory;
    private final long maxStore;
    private final List<StreamManager> managers = new CopyOnWriteArrayList<>();
    /** Monitoring's figures (/varz): brought up to date by {@link #refresh}; null until attached. */
    private volatile JetStreamStats stats;
    private volatile long memoryUsed;
    private volatile long storeUsed;
    // What monitoring was last told; guarded by this (refresh is synchronized).
    private long reportedMemory;
    private long reportedStore;
    private long reportedMemoryReserved;
    private long reportedStoreReserved;

    ServerCapacity(long maxMemory, long maxStore) {
        this.maxMemory = maxMemory;
        this.maxStore = maxStore;
    }

    /** Where refresh reports the figures; the stats are made once the accounts are known. */
    void attach(JetStreamStats figures) {
        stats = figures;
    }

    void add(StreamManager manager) {
        managers.add(manager);
    }

    /** Sums what the streams hold and reserve now, for the limits and for monitoring; on the timer. */
    synchronized void refresh() {
        long memory = 0;
        long store = 0;
        long reservedMemory = 0;
        long reservedStore = 0;
        for (StreamManager m : managers) {
            memory += m.memoryBytes();
            store += m.storageBytes();
            reservedMemory += m.reservedOtherThan(true, null);
            reservedStore += m.reservedOtherThan(false, null);
        }
        memoryUsed = memory;
        storeUsed = store;
        JetStreamStats figures = stats;
        if (figures == null) {
            return;
        }
        // The stats take deltas: add what changed since the last report.
        figures.addMemory(memory - reportedMemory);
        figures.addStorage(store - reportedStore);
        figures.reserve(reservedMemory - reportedMemoryReserved, reservedStore - reportedStoreReserved);
        reportedMemory = memory;
        reportedStore = store;
        reportedMemoryReserved = reservedMemory;
        reportedStoreReserved = reservedStore;
    }

    /** nats-server's limitsExceeded: the server already holds more than its limit for this storage. */
    boolean exceeded(boolean memory) {
        return memory ? memoryUsed > maxMemory : storeUsed > maxStore;
    }

    /**
     * Whether {@code addBytes} more reserved bytes (a new stream's max_bytes, 1 when unlimited) fit
     * in the server's limit beside every stream's reservation but {@code except}'s.
     */
    boolean fits(boolean memory, long addBytes, StreamManager except, String name) {
        long reserved = 0;
        for (StreamManager m : managers) {
            reserved += m.reservedOtherThan(memory, m == except ? name : null);
        }
        return reserved + addBytes <= (memory ? maxMemory : maxStore);
    }
}
