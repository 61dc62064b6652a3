package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.ConsumerConfig;
import io.wirehub.server.jetstream.api.GoFormat;
import io.wirehub.server.routing.Router;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * A pull consumer's waiting requests, as nats-server keeps them: checked against the consumer's
 * caps when they arrive (each refusal a status reply), served in turn, and ended by expiry, by a
 * no-wait request reaching the end, or silently when their reply subject loses its subscribers
 * (for a request through a service import: the requester's reply in its own account).
 * Not thread-safe: the consumer's lock guards it.
 */
final class PullQueue {
    /** Sends a status message (a header block with an empty payload) to a subject. */
    @FunctionalInterface
    interface StatusSender {
        void send(String subject, byte[] statusHeaders);
    }

    private final ArrayDeque<PullRequest> waiting = new ArrayDeque<>();
    private final Router router;
    private final StatusSender out;

    PullQueue(Router router, StatusSender out) {
        this.router = router;
        this.out = out;
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * processNextMsgRequest: the request is parsed and checked in nats-server's order; a refused
     * one gets its status. Returns true when it was queued.
     *
     * @param available messages that could be sent now (pending plus redeliveries)
     */
    boolean add(String reply, byte[] body, ConsumerConfig c, long now, LongSupplier available) {
        PullRequest r;
        try {
            r = PullRequest.parse(reply, body, now);
        } catch (PullRequest.BadRequest e) {
            out.send(reply, ConsumerStatus.simple(400, "Bad Request - " + e.getMessage()));
            return false;
        }
        if (c.maxRequestBatch() > 0 && r.remaining > c.maxRequestBatch()) {
            out.send(reply, ConsumerStatus.simple(409, "Exceeded MaxRequestBatch of " + c.maxRequestBatch()));
            return false;
        }
        if (r.expiresAt != 0 && c.maxRequestExpiresNanos() > 0 && r.expiresIn(now) > c.maxRequestExpiresNanos()) {
            out.send(reply, ConsumerStatus.simple(409, "Exceeded MaxRequestExpires of "
                    + GoFormat.duration(c.maxRequestExpiresNanos())));
            return false;
        }
        if (r.maxBytes > 0 && c.maxRequestMaxBytes() > 0 && r.maxBytes > c.maxRequestMaxBytes()) {
            out.send(reply, ConsumerStatus.simple(409, "Exceeded MaxRequestMaxBytes of " + c.maxRequestMaxBytes()));
            return false;
        }
        if (r.noWait) {
            long availableNow = available.getAsLong();
            if (availableNow == 0 && r.expiresAt == 0) {
                out.send(reply, ConsumerStatus.simple(404, "No Messages"));
                return false;
            }
            if (availableNow > 0) {
                long claimed = 0;
                for (PullRequest w : waiting) {
                    claimed += w.remaining;
                }
                if (availableNow < claimed) {
                    out.send(reply, ConsumerStatus.simple(408, "Requests Pending"));
                    return false;
                }
            }
        }
        if (waiting.size() >= c.maxWaiting()) {
            expire(now, false, available, 0, 0);
            if (waiting.size() >= c.maxWaiting()) {
                out.send(reply, ConsumerStatus.simple(409, "Exceeded MaxWaiting"));
                return false;
            }
        }
        if (r.remaining < 1) {
            r.remaining = 1;
        }
        // Through a service import, the interest to watch is the requester's, in its account.
        r.interest = router.trackDown(reply);
        waiting.add(r);
        return true;
    }

    /**
     * nats-server's processWaiting: expired requests get 408 and go, requests whose reply lost
     * interest go silently, heartbeats fall due; at the end of what can be sent ({@code eos}) a
     * no-wait request that got something gets its 408 too. Returns the next deadline.
     *
     * @param lastConsumerSeq for heartbeats: the last consumer sequence handed out
     * @param lastStreamSeq   for heartbeats: the last stream sequence looked at
     */
    long expire(long now, boolean eos, LongSupplier available, long lastConsumerSeq, long lastStreamSeq) {
        long next = Long.MAX_VALUE;
        Iterator<PullRequest> it = waiting.iterator();
        while (it.hasNext()) {
            PullRequest r = it.next();
            if (eos && r.noWait && r.delivered > 0 || r.expiresAt != 0 && r.expiresAt - now <= 0) {
                out.send(r.reply, ConsumerStatus.requestTimeout(r));
                it.remove();
                continue;
            }
            if (eos && r.noWait && r.expiresAt == 0 && available.getAsLong() == 0) {
                out.send(r.reply, ConsumerStatus.simple(404, "No Messages"));
                it.remove();
                continue;
            }
            if (!r.hasInterest()) {
                it.remove();
                continue;
            }
            if (r.nextHeartbeat != 0) {
                if (r.nextHeartbeat - now <= 0) {
                    out.send(r.reply, ConsumerStatus.idleHeartbeat(lastConsumerSeq, lastStreamSeq, null));
                    r.nextHeartbeat = now + r.heartbeatNanos;
                }
                next = Math.min(next, r.nextHeartbeat);
            }
            if (r.expiresAt != 0) {
                next = Math.min(next, r.expiresAt);
            }
        }
        return next;
    }

    /**
     * The request to send a message of {@code size} bytes to, taken off the queue (hand it back
     * with {@link #requeue} or {@link #putBack}); null for none. Requests the message is too big
     * for, or that expired, end here with their status.
     */
    PullRequest take(long size, long now) {
        while (!waiting.isEmpty()) {
            PullRequest r = waiting.removeFirst();
            if (r.maxBytes > 0 && size > r.bytesLeft) {
                out.send(r.reply, ConsumerStatus.withPending(409, "Message Size Exceeds MaxBytes", r.remaining,
                        r.bytesLeft));
                continue;
            }
            if (r.expiresAt != 0 && r.expiresAt - now <= 0) {
                out.send(r.reply, ConsumerStatus.requestTimeout(r));
                continue;
            }
            if (r.hasInterest()) {
                return r;
            }
            if (r.tracked()) {
                // nextWaiting: a requester behind an import that stopped listening is told so.
                out.send(r.reply, ConsumerStatus.withPending(408, "Interest Expired", r.remaining, r.bytesLeft));
            }
        }
        return null;
    }

    /** A request that got a message and wants more: to the back, as requests are served in turn. */
    void requeue(PullRequest r) {
        waiting.addLast(r);
    }

    /** A request taken but not served (the message had to wait): back to the front. */
    void putBack(PullRequest r) {
        waiting.addFirst(r);
    }

    /** Ends every request with the same status (the consumer was deleted). */
    void endAll(byte[] status) {
        for (PullRequest r : waiting) {
            out.send(r.reply, status);
        }
        waiting.clear();
    }

    void clear() {
        waiting.clear();
    }
}
