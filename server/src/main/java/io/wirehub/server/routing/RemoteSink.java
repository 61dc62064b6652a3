package io.wirehub.server.routing;

import java.util.List;

/**
 * A sink that stands for another server's subscribers (a leaf-node link). The router never hands it
 * one message per matching subscription: it collects every subscription of this sink that a message
 * reaches and calls {@link #forward} once, naming the queue groups the sink was chosen for, because
 * the other server delivers one copy per link (nats-server: one LMSG per connection, queue names
 * appended). In a queue group the router prefers local members and picks a remote one only when no
 * local member took the message (nats-server's "local queue consumers first").
 *
 * <p>{@link MessageSink#deliver} is never called on a remote sink by the router.
 */
public interface RemoteSink extends MessageSink {

    /**
     * Queues {@code message} for the other server.
     *
     * @param plain  whether a plain subscription of this sink matched
     * @param queues queue groups this sink was chosen for (empty for none); the list is reused
     *               after the call returns, so copy what must be kept
     * @return true when it was queued
     */
    boolean forward(PublishedMessage message, boolean plain, List<String> queues);

    /**
     * Whether a message that came in from {@code from} must not go out over this sink: it is
     * that link (links never echo), or, for leaf links, a link to the same cluster as the one the
     * message came from (nats-server's cluster-wide no echo).
     */
    default boolean isOriginOf(MessageSink from) {
        return this == from;
    }

    @Override
    default boolean deliver(Subscription subscription, PublishedMessage message) {
        throw new UnsupportedOperationException("the router forwards to a remote sink");
    }
}
