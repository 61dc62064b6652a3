package io.wirehub.server.connection;

import io.wirehub.server.protocol.OpHandler;
import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.ProtocolParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.PublisherState;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Publishes as a client inside the server (the UDP listener, the file service): messages are
 * routed exactly as a client's PUB/HPUB would be, woken in batches, and counted in the server's
 * totals under this publisher's transport label. A message is formatted as a wire op and parsed by
 * the same parser clients go through, so there is one definition of what a message is.
 *
 * <p>Confined to one thread: each internal client has its own.
 */
public final class InternalPublisher implements MessageSink {
    private static final byte[] CRLF = {'\r', '\n'};

    private final ConnectionServices services;
    private final String transport;
    private final PublisherState state = new PublisherState(this);
    private final PublishedMessage message = new PublishedMessage();
    private final ProtocolParser parser;
    /** The op being formatted; grows to the largest message published. */
    private byte[] op = new byte[1024];
    private int opLength;
    private long batchMessages;
    private long batchBytes;

    public InternalPublisher(ConnectionServices services, String transport) {
        this.services = services;
        this.transport = transport;
        // Internal messages are the server's own: the payload limit is the client's, plus room for headers.
        this.parser = new ProtocolParser(new Router(), services.config().maxControlLine(),
                Integer.MAX_VALUE - 1024);
        this.parser.headersEnabled(true);
    }

    /**
     * Routes one parsed message (from a datagram). Call {@link #flush()} after the batch.
     *
     * @return how many subscriptions took it
     */
    public int route(PublishArgs args, byte[] data, int dataOffset) {
        // An internal client's publish can answer a request (the file service's replies): stop its clock.
        services.observability().requests().published(args.line(), args.subjectOffset(), args.subjectLength());
        message.set(this, args, data, dataOffset);
        // Never stalls: an internal client has no socket to push back through.
        message.resetStallBudget(0);
        batchMessages++;
        batchBytes += args.totalLength();
        return services.router().route(message, state);
    }

    /**
     * Publishes one message and flushes it to its subscribers.
     *
     * @param headers a complete header block ({@code NATS/1.0\r\n...\r\n\r\n}), or null
     * @return how many subscriptions took it
     */
    public int publish(String subject, String replyTo, byte[] headers, byte[] payload, int offset, int length) {
        opLength = 0;
        int headerLength = headers == null ? 0 : headers.length;
        String line = (headers == null ? "PUB " : "HPUB ") + subject + (replyTo == null ? "" : " " + replyTo)
                + (headers == null ? "" : " " + headerLength) + " " + (headerLength + length) + "\r\n";
        append(line.getBytes(StandardCharsets.ISO_8859_1), 0, line.length());
        if (headers != null) {
            append(headers, 0, headers.length);
        }
        append(payload, offset, length);
        append(CRLF, 0, 2);
        long before = batchMessages;
        delivered = 0;
        try {
            parser.parse(op, 0, opLength);
        } catch (ProtocolViolation e) {
            throw new IllegalArgumentException("not a valid message for " + subject + ": " + e.getMessage(), e);
        }
        if (batchMessages == before) {
            throw new IllegalStateException("internal publish to " + subject + " was not parsed whole");
        }
        flush();
        return delivered;
    }

    /** Subscriptions that took the last {@link #publish}ed message. */
    private int delivered;

    private void append(byte[] bytes, int offset, int length) {
        if (opLength + length > op.length) {
            op = Arrays.copyOf(op, Math.max(op.length * 2, opLength + length));
        }
        System.arraycopy(bytes, offset, op, opLength, length);
        opLength += length;
    }

    /** Wakes the subscribers of everything routed since the last flush, and counts it. */
    public void flush() {
        state.flush();
        if (batchMessages > 0) {
            services.stats().addIn(batchMessages, batchBytes);
            services.observability().transports().addInbound(transport, batchMessages, batchBytes);
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

    /** Routes what the parser reads back from a formatted op; nothing else may appear. */
    private final class Router implements OpHandler {
        @Override
        public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
            delivered = route(args, data, dataOffset);
        }

        private ProtocolViolation unexpected() {
            return new ProtocolViolation(ProtocolError.UNKNOWN_OPERATION, "only PUB and HPUB are published internally");
        }

        @Override
        public void onConnect(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                                int sidOffset, int sidLength) throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages)
                throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onPing() throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onPong() throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onInfo(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw unexpected();
        }

        @Override
        public void onClientError(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw unexpected();
        }
    }
}
