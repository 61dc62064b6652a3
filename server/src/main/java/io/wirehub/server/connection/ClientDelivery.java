package io.wirehub.server.connection;

import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Hands messages to one client: the checks a delivery passes (echo, subscribe deny list,
 * auto-unsubscribe count), the copy into the client's outbound queue, the slow-consumer cut-off
 * and the fast-producer stall. Runs on the publishers' reader threads.
 *
 * <p>Thread-safe without state of its own: the outbound queue counts what it queued.
 */
final class ClientDelivery {
    /** Longest a publisher pauses for one slow subscriber on one message. */
    private static final long MAX_STALL_PER_MESSAGE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ClientConnection client;
    private final OutboundQueue outbound;
    private final ClientSecurity security;
    private final ProtocolTracer tracer;

    ClientDelivery(ClientConnection client, OutboundQueue outbound, ClientSecurity security, ProtocolTracer tracer) {
        this.client = client;
        this.outbound = outbound;
        this.security = security;
        this.tracer = tracer;
    }

    /** See {@link io.wirehub.server.routing.MessageSink#deliver}. */
    boolean deliver(Subscription subscription, PublishedMessage message, boolean echo, boolean headers) {
        if ((message.publisher() == client && !echo) || client.isClosed()) {
            return false;
        }
        if (security.permissions().restricts() && refusedBySubscribePermissions(message)) {
            return false;
        }
        long max = subscription.maxMessages();
        long number = subscription.claimDelivery();
        if (max > 0 && number > max) {
            client.unsubscribe(subscription);
            return false;
        }
        OutboundQueue.Appended appended = outbound.appendMessage(message.args(), message.data(),
                message.dataOffset(), subscription.sidBytes(), headers);
        tracer.outMessage(subscription, message, headers);
        if (appended == OutboundQueue.Appended.REFUSED) {
            client.slowConsumerIfOpen();
        } else if (appended == OutboundQueue.Appended.QUEUED_BEHIND && message.publisher() != client) {
            stallPublisher(message);
        }
        if (max > 0 && number == max) {
            client.unsubscribe(subscription);
        }
        return true;
    }

    /**
     * A subscribe deny list also filters deliveries through wider wildcards (PROTOCOL.md §10);
     * and a message this client may answer under allow_responses grants it its reply subject.
     */
    private boolean refusedBySubscribePermissions(PublishedMessage message) {
        if (security.deniesDelivery(message.subject())) {
            return true;
        }
        if (message.hasReply() && security.permissions().responses() != null) {
            var args = message.args();
            security.grantReply(new String(args.line(), args.replyOffset(), args.replyLength(),
                    StandardCharsets.ISO_8859_1));
        }
        return false;
    }

    /**
     * Fast-producer stall, as nats-server 2.10 does it: when this client is over 75 % of
     * max_pending, the publisher waits a few milliseconds (within a per-read budget) for it to
     * catch up, so a burst does not cut off a subscriber that is merely a little behind.
     */
    private void stallPublisher(PublishedMessage message) {
        long budget = Math.min(message.stallBudgetNanos(), MAX_STALL_PER_MESSAGE_NANOS);
        if (budget <= 0) {
            return;
        }
        client.flushSignal();
        message.spendStall(outbound.awaitDrained(budget));
    }
}
