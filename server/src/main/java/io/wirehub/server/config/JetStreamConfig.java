package io.wirehub.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's {@code jetstream} settings as nats-server 2.10 reads them (the block, its
 * {@code true}/{@code enabled} forms, top-level {@code store_dir}, and {@code -js}/{@code -sd}).
 * Sizes of -1 mean "not set": the running server then computes nats-server's defaults (75 % of
 * memory, 75 % of the free disk at the store directory).
 *
 * @param enabled             whether JetStream runs
 * @param storeDir            where data is kept (its {@code jetstream} subdirectory); null for the
 *                            default under the temporary directory
 * @param maxMemory           {@code max_memory_store}; -1 when not set
 * @param maxStore            {@code max_file_store}; -1 when not set
 * @param domain              the JetStream domain; "" for none
 * @param syncInterval        how often file stores are flushed to disk; zero when not set (the
 *                            stores then use {@link #DEFAULT_SYNC_INTERVAL}, and /varz leaves it out)
 * @param syncAlways          {@code sync_interval: always}: flush on every write
 * @param uniqueTag           the placement tag prefix that must differ among replicas (lower case)
 * @param limits              the server-wide caps of {@code limits {}}
 * @param maxCatchup          {@code max_outstanding_catchup}; -1 when not set
 * @param requestQueueLimit   {@code request_queue_limit}; -1 when not set
 * @param extensionHint       {@code extension_hint}, kept for the varz config section
 */
public record JetStreamConfig(boolean enabled, Path storeDir, long maxMemory, long maxStore, String domain,
                              Duration syncInterval, boolean syncAlways, String uniqueTag, ServerLimits limits,
                              long maxCatchup, long requestQueueLimit, String extensionHint) {

    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(2);
    public static final JetStreamConfig OFF = new JetStreamConfig(false, null, -1, -1, "", Duration.ZERO,
            false, "", ServerLimits.NONE, -1, -1, "");

    /**
     * {@code jetstream { limits { … } }}: caps on what streams and consumers may ask for; zero
     * means no cap.
     */
    public record ServerLimits(int maxAckPending, int maxHaAssets, int maxRequestBatch, Duration duplicateWindow) {
        public static final ServerLimits NONE = new ServerLimits(0, 0, 0, Duration.ZERO);
    }

    public JetStreamConfig withEnabled(boolean v) {
        return new JetStreamConfig(v, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    public JetStreamConfig withStoreDir(Path v) {
        return new JetStreamConfig(enabled, v, maxMemory, maxStore, domain, syncInterval, syncAlways, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withMaxMemory(long v) {
        return new JetStreamConfig(enabled, storeDir, v, maxStore, domain, syncInterval, syncAlways, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withMaxStore(long v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, v, domain, syncInterval, syncAlways, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withDomain(String v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, v, syncInterval, syncAlways, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withSync(Duration interval, boolean always) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, interval, always, uniqueTag,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withUniqueTag(String v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways, v,
                limits, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withLimits(ServerLimits v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways,
                uniqueTag, v, maxCatchup, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withMaxCatchup(long v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways,
                uniqueTag, limits, v, requestQueueLimit, extensionHint);
    }

    JetStreamConfig withRequestQueueLimit(long v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways,
                uniqueTag, limits, maxCatchup, v, extensionHint);
    }

    JetStreamConfig withExtensionHint(String v) {
        return new JetStreamConfig(enabled, storeDir, maxMemory, maxStore, domain, syncInterval, syncAlways,
                uniqueTag, limits, maxCatchup, requestQueueLimit, v);
    }
}
