package io.wirehub.server.jetstream;

import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a stream's messages off the publishers' threads and handles them on the stream's own
 * thread, so storage I/O never runs on a connection's reader: the router hands a message to
 * {@link #deliver}, which copies and queues it; the worker stores it and sends the answer (the
 * PubAck, or a direct-get reply) through the stream's internal publisher.
 *
 * <p>Group commit: the worker handles every message it drained in one go (up to
 * {@link #BATCH_LIMIT}), holding their answers back; then {@link Handler#settle} waits once until
 * all they stored is durable (one fsync under {@code sync_interval: always}), and only then do the
 * answers go out, in the order the messages came. A direct get settles what is held back first,
 * so it never reads a message whose PubAck could still be lost.
 *
 * <p>The queue is bounded: past {@link #QUEUE_LIMIT} waiting messages, or {@link #BYTES_LIMIT}
 * waiting bytes, a message is dropped with a warning (the publisher's request then times out), so
 * a stalled disk cannot grow the heap.
 */
final class StreamIngest implements MessageSink {
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngest.class);
    static final int QUEUE_LIMIT = 100_000;
    static final long BYTES_LIMIT = 64L << 20;
    /** The most messages handled before their answers are settled and sent. */
    static final int BATCH_LIMIT = 1024;
    private static final Work STOP = new Work(null, null);

    /** What the worker does with one message; FEED (no message) pulls from the stream's mirror or sources. */
    enum Kind { PUBLISH, DIRECT_GET, FEED }

    /** A message to answer, for the subscription kind it came in on. */
    private record Work(Kind kind, InboundMessage message) {
    }

    /**
     * What the worker sends: to {@code subject}, or to the handled message's reply subject when
     * that is null (and nothing when the message has none); headers (or null) and payload.
     */
    record Outgoing(String subject, byte[] headers, byte[] payload) {
        static Outgoing reply(byte[] headers, byte[] payload) {
            return new Outgoing(null, headers, payload);
        }
    }

    /** Handles messages on the worker thread. */
    interface Handler {
        /** Handles one message; returns what to send, in order, once {@link #settle} has returned. */
        List<Outgoing> handle(Kind kind, InboundMessage message);

        /**
         * Waits until what the messages handled since the last call stored is durable, and does
         * what must follow it (tells consumers); throws when it cannot be made durable.
         */
        void settle();
    }

    /** An answer held back until its message is durable: where it goes, headers (or null), payload. */
    private record Held(String to, byte[] headers, byte[] payload) {
    }

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    /** Header and payload bytes queued and not yet handled; added by publishers, taken by the worker. */
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final Handler handler;
    /** Used by the worker thread only. */
    private final InternalPublisher replies;
    /** The answers of the messages handled and not yet settled, in order. Used by the worker thread only. */
    private final List<Held> held = new ArrayList<>();
    private final String name;
    private final Thread worker;
    /** Subscriptions of direct gets deliver here; told apart from the stream's subjects by identity. */
    private final java.util.Set<Subscription> directSubscriptions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StreamIngest(String name, Handler handler, InternalPublisher replies) {
        this.name = name;
        this.handler = handler;
        this.replies = replies;
        this.worker = Thread.ofVirtual().name("wirehub-stream-" + name).unstarted(this::serve);
    }

    void start() {
        worker.start();
    }

    /** Marks a subscription whose messages are direct-get requests. */
    void directGet(Subscription subscription) {
        directSubscriptions.add(subscription);
    }

    void forget(Subscription subscription) {
        directSubscriptions.remove(subscription);
    }

    /** On the publisher's thread: copy and queue. */
    @Override
    public boolean deliver(Subscription subscription, PublishedMessage message) {
        Kind kind = directSubscriptions.contains(subscription) ? Kind.DIRECT_GET : Kind.PUBLISH;
        long size = message.args().totalLength();
        if (queuedBytes.addAndGet(size) > BYTES_LIMIT && queuedBytes.get() > size) {
            // Over the byte cap (a single message larger than the cap still goes alone).
            queuedBytes.addAndGet(-size);
            LOG.warn("Stream '{}' inbound queue byte limit reached, dropping a message on {}", name,
                    message.subject());
            return true;
        }
        if (!queue.offer(new Work(kind, InboundMessage.copyOf(message)))) {
            queuedBytes.addAndGet(-size);
            LOG.warn("Stream '{}' inbound queue limit reached, dropping a message on {}", name, message.subject());
        }
        return true;
    }

    /** Queues a pull from the stream's origins; false when the queue is full (the next timer tick retries). */
    boolean feed() {
        return queue.offer(new Work(Kind.FEED, null));
    }

    @Override
    public void flushSignal() {
    }

    private void serve() {
        List<Work> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH_LIMIT - 1);
            for (Work work : batch) {
                if (work == STOP) {
                    settleAndSend();
                    replies.flush();
                    return;
                }
                if (work.kind() == Kind.DIRECT_GET) {
                    settleAndSend();
                }
                handle(work);
            }
            batch.clear();
            settleAndSend();
            replies.flush();
        }
    }

    private void handle(Work work) {
        InboundMessage message = work.message();
        if (message != null) {
            queuedBytes.addAndGet(-((long) message.headers().length + message.payload().length));
        }
        try {
            for (Outgoing out : handler.handle(work.kind(), message)) {
                String to = out.subject() != null ? out.subject() : message == null ? null : message.reply();
                if (to != null) {
                    held.add(new Held(to, out.headers(), out.payload()));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Stream '{}' failed on {}: {}", name, message == null ? "a pull from its origins"
                    : "a message to " + message.subject(), e.toString(), e);
        }
    }

    /**
     * Makes what the held answers speak of durable, then sends them. When that fails they are
     * dropped: a publisher whose PubAck is lost times out and may retry, never hearing "stored"
     * for a message that is not on disk.
     */
    private void settleAndSend() {
        try {
            handler.settle();
        } catch (RuntimeException e) {
            LOG.error("Stream '{}' could not make {} answered messages durable, dropping their answers: {}", name,
                    held.size(), e.toString(), e);
            held.clear();
            return;
        }
        for (Held out : held) {
            int headerLength = out.headers() == null ? 0 : out.headers().length;
            replies.publish(out.to(), null, headerLength == 0 ? null : out.headers(), out.payload(), 0,
                    out.payload().length);
        }
        held.clear();
    }

    /** Stops the worker; messages still queued are dropped unanswered (their publishers time out). */
    void stop() {
        queue.clear();
        queue.offer(STOP);
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
