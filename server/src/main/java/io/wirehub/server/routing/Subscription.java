package io.wirehub.server.routing;

import io.wirehub.server.stats.SubscriptionSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SUB: a subject (possibly with wildcards), an optional queue group, and the client's sid.
 * Identity matters: the index stores subscriptions by reference, so two SUBs with the same
 * subject are two entries.
 */
public final class Subscription {
    private final MessageSink sink;
    private final String subject;
    private final String queue;
    private final byte[] sid;
    private final String sidText;

    /** Messages handed to the sink for this subscription; counts toward {@link #maxMessages}. */
    private final AtomicLong delivered = new AtomicLong();
    /** Auto-unsubscribe limit from {@code UNSUB <sid> <max>}; 0 means none. */
    private volatile long maxMessages;
    /** Set once when the subscription leaves the index; deliveries after that are declined. */
    private volatile boolean closed;
    /**
     * For a queue subscription that stands for another server's members (a leaf link's
     * {@code LS+ subject queue weight}): how many members it stands for, which weighs the choice
     * between remote candidates and the weight announced to other links. 1 for a client's.
     * Written under the index's write lock ({@link SubjectIndex#reweigh}); read anywhere.
     */
    private volatile int queueWeight = 1;

    /**
     * @param sink    who receives the messages
     * @param subject the subscribed subject, already checked by the caller
     * @param queue   queue group name, or null for a plain subscription
     * @param sid     the client's subscription id, echoed verbatim in MSG
     */
    public Subscription(MessageSink sink, String subject, String queue, byte[] sid) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.queue = queue;
        this.sid = sid.clone();
        this.sidText = new String(sid, StandardCharsets.ISO_8859_1);
    }

    public MessageSink sink() {
        return sink;
    }

    public String subject() {
        return subject;
    }

    /** Queue group name, or null for a plain subscription. */
    public String queue() {
        return queue;
    }

    public boolean isQueue() {
        return queue != null;
    }

    /** The sid bytes as the client sent them; callers must not modify the array. */
    public byte[] sidBytes() {
        return sid;
    }

    public String sid() {
        return sidText;
    }

    public long maxMessages() {
        return maxMessages;
    }

    public void maxMessages(long max) {
        this.maxMessages = max;
    }

    public long delivered() {
        return delivered.get();
    }

    /**
     * Claims the next delivery slot for the auto-unsubscribe count.
     *
     * @return the number of this delivery (1-based); a value above {@link #maxMessages} (when set)
     *         means the limit was already reached and the message must not be delivered
     */
    public long claimDelivery() {
        return delivered.incrementAndGet();
    }

    /** Gives back a slot claimed by {@link #claimDelivery} for a message that was not delivered. */
    public void releaseDelivery() {
        delivered.decrementAndGet();
    }

    /** How many queue members this subscription stands for (1 unless another server's). */
    public int queueWeight() {
        return queueWeight;
    }

    /** Sets the weight before the subscription enters the index; later through {@link SubjectIndex#reweigh}. */
    public void queueWeight(int weight) {
        this.queueWeight = Math.max(1, weight);
    }

    public boolean isClosed() {
        return closed;
    }

    public void markClosed() {
        closed = true;
    }

    /** This subscription as monitoring lists it, now, in the account whose index holds it. */
    public SubscriptionSnapshot snapshot(String account) {
        return new SubscriptionSnapshot(subject, queue, sidText, delivered(), maxMessages, sink.clientId(), account);
    }

    @Override
    public String toString() {
        return "Subscription[" + subject + (queue == null ? "" : " " + queue) + " sid=" + sidText + "]";
    }
}
