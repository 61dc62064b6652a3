package io.wirehub.server.jetstream;

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
    private volatile long memoryUsed;
    private volatile long storeUsed;

    ServerCapacity(long maxMemory, long maxStore) {
        this.maxMemory = maxMemory;
        this.maxStore = maxStore;
    }

    void add(StreamManager manager) {
        managers.add(manager);
    }

    /** Sums what the streams hold now; called by the timer and after a create. */
    void refresh() {
        long memory = 0;
        long store = 0;
        for (StreamManager m : managers) {
            memory += m.memoryBytes();
            store += m.storageBytes();
        }
        memoryUsed = memory;
        storeUsed = store;
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
