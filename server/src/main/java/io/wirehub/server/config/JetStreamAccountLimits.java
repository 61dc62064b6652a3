package io.wirehub.server.config;

/**
 * An account's JetStream limits ({@code accounts { A { jetstream: … } }}); -1 means unlimited, as
 * in nats-server, which is also what {@code jetstream: enabled} gives every limit.
 */
public record JetStreamAccountLimits(long maxMemory, long maxStore, long maxStreams, long maxConsumers,
                                     long maxAckPending, long memoryMaxStreamBytes, long storeMaxStreamBytes,
                                     boolean maxBytesRequired) {
    public static final JetStreamAccountLimits UNLIMITED = new JetStreamAccountLimits(-1, -1, -1, -1, -1, -1, -1, false);
}
