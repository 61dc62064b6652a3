package io.wirehub.server.stats;

/** {@link ServerStats}' counters at one moment, under /varz's names. */
public record ServerTotals(long inMessages, long inBytes, long outMessages, long outBytes, long slowConsumers,
                           long totalConnections, long authFailures, long rateLimitHits, long connectionsRefused,
                           long subscriptionsRefused) {
}
