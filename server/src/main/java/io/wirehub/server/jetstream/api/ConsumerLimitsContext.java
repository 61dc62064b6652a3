package io.wirehub.server.jetstream.api;

/**
 * The limits outside a consumer's own config that nats-server applies to it: the server's
 * {@code jetstream.limits} (0 for unset) and the account's JetStream limits (0 or less for unset).
 */
public record ConsumerLimitsContext(long serverMaxAckPending, long serverMaxRequestBatch,
                                    long accountMaxAckPending, long accountMaxConsumers) {
    public static final ConsumerLimitsContext NONE = new ConsumerLimitsContext(0, 0, 0, 0);
}
