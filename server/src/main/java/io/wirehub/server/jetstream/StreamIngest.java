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
 * <p>The queue is bounded: past {@link #QUEUE_LIMIT} waiting messages, or {@link #BYTES_LIMIT}
 * waiting bytes, a message is dropped with a warning (the publisher's request then times out), so
 * a stalled disk cannot grow the heap.
 */
final class StreamIngest implements MessageSink {
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngest.class);
    static final int QUEUE_LIMIT = 100_000;
    static final long BYTES_LIMIT = 64L << 20;
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

    /** Handles one message on the worker thread; returns what to send, in order. */
    interface Handler {
        List<Outgoing> handle(Kind kind, InboundMessage message);
    }

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    /** Header and payload bytes queued and not yet handled; added by publishers, taken by the worker. */
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final Handler handler;
    /** Used by the worker thread only. */
    private final InternalPublisher replies;
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
            queue.drainTo(batch, 1024);
            for (Work work : batch) {
                if (work == STOP) {
                    replies.flush();
                    return;
                }
                handle(work);
            }
            batch.clear();
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
                if (to == null) {
                    continue;
                }
                byte[] payload = out.payload();
                int headerLength = out.headers() == null ? 0 : out.headers().length;
                replies.publish(to, null, headerLength == 0 ? null : out.headers(), payload, 0, payload.length);
            }
        } catch (RuntimeException e) {
            LOG.error("Stream '{}' failed on {}: {}", name, message == null ? "a pull from its origins"
                    : "a message to " + message.subject(), e.toString(), e);
        }
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
