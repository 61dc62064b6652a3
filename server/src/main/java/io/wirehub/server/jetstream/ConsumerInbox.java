package io.wirehub.server.jetstream;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What reaches a consumer from other threads, for its own thread to handle in order: acks, pull
 * requests and flow-control replies (queued on the publishers' threads), and wake-ups (a new
 * message, a purge, a config change). At most one wake-up is queued at a time, so a fast
 * publisher does not fill the queue with them.
 *
 * <p>Thread-safe: any thread offers; only the consumer's thread takes.
 */
final class ConsumerInbox {
    /** Past this many queued acks and requests, more are dropped (a flood cannot grow the heap). */
    static final int LIMIT = 100_000;
    /** At most this many items are taken at once. */
    private static final int BATCH = 1024;
    private static final byte[] EMPTY = new byte[0];

    enum Kind { ACK, NEXT, FLOW, WAKE, STOP }

    record Work(Kind kind, String subject, String reply, byte[] body) {
    }

    private static final Work WAKE = new Work(Kind.WAKE, null, null, EMPTY);
    private static final Work STOP = new Work(Kind.STOP, null, null, EMPTY);

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>(LIMIT);
    /** A wake-up is in the queue and not yet taken. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /** Queues a message that arrived on the consumer's subjects; false when the queue is full. */
    boolean offer(String subject, String reply, byte[] body) {
        Kind kind;
        if (subject.startsWith(AckSubject.PREFIX)) {
            kind = Kind.ACK;
        } else if (subject.startsWith("$JS.FC.")) {
            kind = Kind.FLOW;
        } else {
            kind = Kind.NEXT;
        }
        return queue.offer(new Work(kind, subject, reply, body));
    }

    /** Asks the consumer's thread to look again, unless it is asked already. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true) && !queue.offer(WAKE)) {
            wakeQueued.set(false);
        }
    }

    /** Drops what is queued and tells the consumer's thread to end. */
    void stop() {
        queue.clear();
        queue.offer(STOP);
    }

    /**
     * On the consumer's thread: adds what is queued to {@code batch}, first waiting up to
     * {@code waitNanos} for something (0: not at all). A wake-up taken may be asked for again.
     */
    void take(List<Work> batch, long waitNanos) throws InterruptedException {
        Work first = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : queue.poll();
        if (first != null) {
            batch.add(first);
            queue.drainTo(batch, BATCH);
        }
        for (Work w : batch) {
            if (w.kind() == Kind.WAKE) {
                wakeQueued.set(false);
                break;
            }
        }
    }
}
