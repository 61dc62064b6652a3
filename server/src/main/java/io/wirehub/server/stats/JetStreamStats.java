package io.wirehub.server.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * JetStream's server-wide figures for /varz (nats-server's {@code jetstream.config} and
 * {@code jetstream.stats}): the settings in force, fixed at start, and the counters the API and
 * the stores write as they go.
 */
public final class JetStreamStats {
    private final Settings settings;
    private final int accounts;
    private final LongAdder apiTotal = new LongAdder();
    private final LongAdder apiErrors = new LongAdder();
    /** Bytes held by memory and file stores; written by the stores, read by monitoring. */
    private final AtomicLong memoryBytes = new AtomicLong();
    private final AtomicLong storageBytes = new AtomicLong();
    private final AtomicLong reservedMemory = new AtomicLong();
    private final AtomicLong reservedStorage = new AtomicLong();

    /**
     * The settings in force (defaults computed), as nats-server's JetStreamConfig shows them.
     *
     * @param storeDir the directory data goes in (…/jetstream)
     */
    public record Settings(long maxMemory, long maxStore, String storeDir, long syncIntervalNanos, boolean syncAlways,
                           String domain, boolean compressOk, String uniqueTag) {
    }

    /** The counters at one moment. */
    public record Counts(long memory, long storage, long reservedMemory, long reservedStorage, int accounts,
                         int haAssets, long apiTotal, long apiErrors) {
    }

    /** @param accounts how many accounts have JetStream enabled */
    public JetStreamStats(Settings settings, int accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    public Settings settings() {
        return settings;
    }

    /** One API request answered (or carried out without a reply subject). */
    public void apiRequest(boolean error) {
        apiTotal.increment();
        if (error) {
            apiErrors.increment();
        }
    }

    public void addMemory(long bytes) {
        memoryBytes.addAndGet(bytes);
    }

    public void addStorage(long bytes) {
        storageBytes.addAndGet(bytes);
    }

    public void reserve(long memory, long storage) {
        reservedMemory.addAndGet(memory);
        reservedStorage.addAndGet(storage);
    }

    public Counts snapshot() {
        return new Counts(memoryBytes.get(), storageBytes.get(), reservedMemory.get(), reservedStorage.get(), accounts,
                0, apiTotal.sum(), apiErrors.sum());
    }
}
