package io.wirehub.server.routing;

import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.ServerStats;
import java.util.Arrays;

/**
 * Publishes as a client inside the server (the UDP listener, JetStream, and every service
 * to come): messages are routed exactly as a client's PUB/HPUB would be, woken in batches, and
 * counted in the server's totals under this publisher's transport label. A message the server
 * makes is given as subject, reply, headers and payload; its control-line arguments are composed
 * directly ({@link PublishArgs#compose}), never formatted as text and parsed back.
 *
 * <p>Confined to one thread: each internal client has its own.
 */
public final class InternalPublisher implements MessageSink {
    private final Router router;
    private final ServerStats stats;
    private final Observability observability;
    private final String transport;
    private final PublisherState state = new PublisherState(this);
    private final PublishedMessage message = new PublishedMessage();
    private final PublishArgs composed = new PublishArgs();
    /** Header block and payload back to back, when they come apart; grows to the largest. */
    private byte[] joined = new byte[0];
    private long batchMessages;
    private long batchBytes;

    /** @param transport the label its messages are counted under in /metrics */
    public InternalPublisher(Router router, ServerStats stats, Observability observability, String transport) {
        this.router = router;
        this.stats = stats;
        this.observability = observability;
        this.transport = transport;
    }

    /**
     * Routes one message whose control line was parsed elsewhere (a datagram's). Call
     * {@link #flush()} after the batch.
     *
     * @return how many subscriptions took it
     */
    public int route(PublishArgs args, byte[] data, int dataOffset) {
        // An internal client's publish can answer a request (JetStream's API replies): stop its clock.
        observability.requests().published(args.line(), args.subjectOffset(), args.subjectLength());
        message.set(this, args, data, dataOffset);
        // Never stalls: an internal client has no socket to push back through.
        message.resetStallBudget(0);
        batchMessages++;
        batchBytes += args.totalLength();
        return router.route(message, state);
    }

    /**
     * Publishes one message and flushes it to its subscribers.
     *
     * @param replyTo null for none
     * @param headers a complete header block ({@code NATS/1.0\r\n...\r\n\r\n}), or null
     * @return how many subscriptions took it
     * @throws IllegalArgumentException for a subject or reply that could not travel as one argument
     */
    public int publish(String subject, String replyTo, byte[] headers, byte[] payload, int offset, int length) {
        int headerLength = headers == null ? 0 : headers.length;
        composed.compose(subject, replyTo, headerLength, headerLength + length);
        int delivered;
        if (headerLength == 0) {
            delivered = route(composed, payload, offset);
        } else {
            delivered = route(composed, join(headers, payload, offset, length), 0);
        }
        flush();
        return delivered;
    }

    /**
     * Delivers a message to the subscribers of {@code destination} with {@code subject} on its
     * MSG line (a JetStream consumer's delivery). Call {@link #flush()} after the batch.
     */
    public int publishAs(String destination, String subject, String replyTo, byte[] headers, byte[] payload) {
        int headerLength = headers == null ? 0 : headers.length;
        composed.compose(subject, replyTo, headerLength, headerLength + payload.length);
        byte[] data = headerLength == 0 ? payload : join(headers, payload, 0, payload.length);
        // What may answer a request is where it goes (a pull request's reply), not the stored
        // message's own subject on the MSG line; and the destination is a String already.
        observability.requests().published(destination);
        message.set(this, composed, data, 0);
        message.resetStallBudget(0);
        batchMessages++;
        batchBytes += composed.totalLength();
        return router.routeTo(destination, message, state);
    }

    private byte[] join(byte[] headers, byte[] payload, int offset, int length) {
        int size = headers.length + length;
        if (joined.length < size) {
            joined = Arrays.copyOf(joined, Math.max(size, joined.length * 2));
        }
        System.arraycopy(headers, 0, joined, 0, headers.length);
        System.arraycopy(payload, offset, joined, headers.length, length);
        return joined;
    }

    /** Wakes the subscribers of everything routed since the last flush, and counts it. */
    public void flush() {
        state.flush();
        if (batchMessages > 0) {
            stats.addIn(batchMessages, batchBytes);
            observability.transports().addInbound(transport, batchMessages, batchBytes);
            batchMessages = 0;
            batchBytes = 0;
        }
    }

    /** An internal publisher never subscribes through this identity. */
    @Override
    public boolean deliver(Subscription subscription, PublishedMessage delivered) {
        return false;
    }

    @Override
    public void flushSignal() {
    }
}
