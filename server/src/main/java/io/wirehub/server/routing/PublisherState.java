package io.wirehub.server.routing;

import java.util.SplittableRandom;

/**
 * What the router keeps per publishing connection: its L1 match cache, the sinks to wake at the
 * end of the current read batch, and its own random source for queue-group choice (a shared one
 * would be a point of contention).
 *
 * <p>Confined to that connection's reader thread.
 */
public final class PublisherState {
    private final MessageSink publisher;
    private final PublisherCache cache = new PublisherCache();
    private final PendingFlushes pendingFlushes = new PendingFlushes();
    private final SplittableRandom random = new SplittableRandom();
    private final RemoteTargets remoteTargets = new RemoteTargets();

    public PublisherState(MessageSink publisher) {
        this.publisher = publisher;
    }

    public MessageSink publisher() {
        return publisher;
    }

    PublisherCache cache() {
        return cache;
    }

    RemoteTargets remoteTargets() {
        return remoteTargets;
    }

    SplittableRandom random() {
        return random;
    }

    /** Notes that {@code sink} has new output; it is woken at {@link #flush()}. */
    public void touched(MessageSink sink) {
        pendingFlushes.add(sink);
    }

    /** Wakes every sink touched since the last flush. Call at the end of each read batch. */
    public void flush() {
        if (!pendingFlushes.isEmpty()) {
            pendingFlushes.flushAll();
        }
    }
}
