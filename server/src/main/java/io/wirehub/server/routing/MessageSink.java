package io.wirehub.server.routing;

/**
 * Where the router hands a message for one subscription. A client connection implements it; so
 * will internal services. The router never writes to sockets and never waits: an implementation
 * queues the bytes and returns at once.
 */
public interface MessageSink {

    /**
     * Queues {@code message} for {@code subscription}, which belongs to this sink.
     *
     * @return true when the message was accepted for delivery; false when this sink declined it
     *         (echo suppressed for its own publication, subscription or sink already closed), so a
     *         queue group tries another member and no-responders can be decided
     */
    boolean deliver(Subscription subscription, PublishedMessage message);

    /**
     * Called once per delivered batch by the publishing reader, after it has parsed everything
     * it read, so the sink can send once rather than once per message: a client's sink writes in
     * place when its writer is idle, else wakes it. Must not block.
     */
    void flushSignal();

    /**
     * As {@link #flushSignal()}, but the caller must not do the sink's writing itself: its own
     * thread is woken. For a sink with no thread of its own, the same as {@link #flushSignal()}.
     */
    default void wakeSignal() {
        flushSignal();
    }

    /** The client connection id monitoring shows for this sink's subscriptions; 0 for internal ones. */
    default long clientId() {
        return 0;
    }
}
