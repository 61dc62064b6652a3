package io.wirehub.server.jetstream;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a consumer has delivered and not yet had acknowledged, as nats-server keeps it: pending
 * messages by stream sequence (with the consumer sequence they went out under and when their
 * ack wait ends), delivery counts of messages sent more than once, the queue of messages to send
 * again, and the ack floors. Not thread-safe: the consumer's lock guards it.
 */
final class AckTracker {
    /** One delivered, unacknowledged message. */
    static final class Pending {
        long consumerSeq;
        /** System.nanoTime() when its ack wait ends. */
        long deadline;
        /** When it was delivered (or last reported in progress), nanoseconds since the epoch. */
        long deliveredAt;

        Pending(long consumerSeq, long deadline) {
            this.consumerSeq = consumerSeq;
            this.deadline = deadline;
            this.deliveredAt = Stream.wallClockNanos();
        }
    }

    final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** Deliveries of messages sent more than once (nats-server's rdc). */
    final Map<Long, Long> deliveries = new HashMap<>();
    /** Messages to send again, oldest first. */
    final LinkedHashSet<Long> redeliver = new LinkedHashSet<>();
    /** Every consumer / stream sequence at or below these is acknowledged. */
    long ackFloorConsumer;
    long ackFloorStream;
    /**
     * No pending message outside the redelivery queue has its ack wait end before this
     * (Long.MAX_VALUE: none has one): a check for ended ack waits looks through the pending
     * messages only once this has passed, not on every delivery round. It may be early (the
     * message was acked since, or got more time), never late: every deadline is set through
     * {@link #setDeadline}.
     */
    private long nextDeadline = Long.MAX_VALUE;

    long deliveryCount(long seq) {
        return deliveries.getOrDefault(seq, 1L);
    }

    /**
     * A delivery to await an ack for. A redelivery keeps the consumer sequence of the first
     * delivery (nats-server's trackPending): the ack floor moves when the message at floor + 1 is
     * acknowledged, and with the new sequence a redelivered message acked last would never be there.
     */
    void track(long seq, long consumerSeq, long deliveries, long deadline) {
        Pending p = pending.get(seq);
        if (p == null) {
            p = new Pending(consumerSeq, deadline);
            pending.put(seq, p);
        } else {
            p.deliveredAt = Stream.wallClockNanos();
        }
        setDeadline(p, deadline);
        if (deliveries > 1) {
            this.deliveries.put(seq, deliveries);
        }
    }

    /**
     * An explicit ack: forgets the message and moves the floors as nats-server does.
     *
     * @param nextConsumerSeq the consumer's next consumer sequence
     * @param nextStreamSeq   the consumer's next stream sequence
     * @return true when the message was pending
     */
    boolean ackExplicit(long seq, long nextConsumerSeq, long nextStreamSeq) {
        Pending p = pending.remove(seq);
        deliveries.remove(seq);
        redeliver.remove(seq);
        if (p == null) {
            return false;
        }
        if (pending.isEmpty()) {
            ackFloorConsumer = nextConsumerSeq - 1;
            ackFloorStream = nextStreamSeq - 1;
        } else if (p.consumerSeq == ackFloorConsumer + 1) {
            ackFloorConsumer = p.consumerSeq;
            ackFloorStream = seq;
            Map.Entry<Long, Pending> next = pending.higherEntry(seq);
            if (next != null) {
                ackFloorConsumer = next.getValue().consumerSeq - 1;
                ackFloorStream = next.getKey() - 1;
            }
        }
        return true;
    }

    /** An ack under ack_policy all: everything up to seq. Returns the stream sequences acknowledged. */
    java.util.List<Long> ackAll(long seq, long consumerSeq) {
        java.util.List<Long> acked = new java.util.ArrayList<>();
        if (consumerSeq <= ackFloorConsumer || seq <= ackFloorStream) {
            return acked;
        }
        ackFloorConsumer = consumerSeq;
        ackFloorStream = seq;
        Iterator<Map.Entry<Long, Pending>> it = pending.headMap(seq, true).entrySet().iterator();
        while (it.hasNext()) {
            long s = it.next().getKey();
            it.remove();
            deliveries.remove(s);
            redeliver.remove(s);
            acked.add(s);
        }
        return acked;
    }

    /** A message gone from the stream: nothing to redeliver. */
    /** Gives a pending message a new end of its ack wait (System.nanoTime()). */
    void setDeadline(Pending p, long deadline) {
        p.deadline = deadline;
        if (nextDeadline == Long.MAX_VALUE || deadline - nextDeadline < 0) {
            nextDeadline = deadline;
        }
    }

    /**
     * Pending messages whose ack wait ended go on the redelivery queue (whether they are past
     * max_deliver is decided when they would be sent again). Returns when the next one ends.
     */
    long queueExpired(long now) {
        if (pending.isEmpty()) {
            nextDeadline = Long.MAX_VALUE;
            return Long.MAX_VALUE;
        }
        if (nextDeadline == Long.MAX_VALUE || nextDeadline - now > 0) {
            return nextDeadline;
        }
        long next = Long.MAX_VALUE;
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            long seq = e.getKey();
            Pending p = e.getValue();
            if (redeliver.contains(seq)) {
                continue;
            }
            if (p.deadline - now <= 0) {
                redeliver.add(seq);
            } else if (next == Long.MAX_VALUE || p.deadline - next < 0) {
                next = p.deadline;
            }
        }
        nextDeadline = next;
        return next;
    }

    void forget(long seq) {
        pending.remove(seq);
        redeliver.remove(seq);
        deliveries.remove(seq);
    }
}
