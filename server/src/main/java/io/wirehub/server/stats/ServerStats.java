package io.wirehub.server.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters, as /varz names them. Updated by every connection thread; LongAdder keeps
 * that free of contention. {@link #snapshot()} gives monitoring a copy that may be a moment old.
 */
public final class ServerStats {
    private final LongAdder inMessages = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMessages = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder rateLimitHits = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder subscriptionsRefused = new LongAdder();

    public void addIn(long messages, long bytes) {
        inMessages.add(messages);
        inBytes.add(bytes);
    }

    public void addOut(long messages, long bytes) {
        outMessages.add(messages);
        outBytes.add(bytes);
    }

    public void slowConsumer() {
        slowConsumers.increment();
    }

    public void connectionAccepted() {
        totalConnections.increment();
    }

    public void authFailure() {
        authFailures.increment();
    }

    public void rateLimitHit() {
        rateLimitHits.increment();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void subscriptionRefused() {
        subscriptionsRefused.increment();
    }

    /** SUBs refused by max_subscriptions or by permissions. */
    public long subscriptionsRefused() {
        return subscriptionsRefused.sum();
    }

    /** CONNECTs refused for bad or missing credentials, and auth timeouts. */
    public long authFailures() {
        return authFailures.sum();
    }

    /** Publishes slowed down or refused by a rate limit. */
    public long rateLimitHits() {
        return rateLimitHits.sum();
    }

    /** Connections refused by max_connections or the per-address limits. */
    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long inMessages() {
        return inMessages.sum();
    }

    public long inBytes() {
        return inBytes.sum();
    }

    public long outMessages() {
        return outMessages.sum();
    }

    public long outBytes() {
        return outBytes.sum();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }

    /** Every counter, read now. */
    public ServerTotals snapshot() {
        return new ServerTotals(inMessages(), inBytes(), outMessages(), outBytes(), slowConsumers(),
                totalConnections(), authFailures(), rateLimitHits(), connectionsRefused(), subscriptionsRefused());
    }
}
