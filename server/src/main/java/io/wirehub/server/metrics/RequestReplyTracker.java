package io.wirehub.server.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request-reply latency as the server sees it: a publish with a reply subject that reached someone
 * starts a clock under that reply subject; the first publish to that subject stops it. Bounded: at
 * most {@link #MAX_PENDING} requests are timed at once and unanswered ones expire, so a flood of
 * requests nobody answers costs a fixed amount of memory.
 *
 * <p>Thread-safe: a concurrent map; every publishing reader calls it.
 */
public final class RequestReplyTracker {
    static final int MAX_PENDING = 10_000;
    private static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final ServerMetrics metrics;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    public RequestReplyTracker(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** A request was delivered: start timing its reply subject. */
    public void requestSent(byte[] line, int replyOffset, int replyLength, long nowNanos) {
        if (pending.size() >= MAX_PENDING) {
            expire(nowNanos);
            if (pending.size() >= MAX_PENDING) {
                return;
            }
        }
        pending.putIfAbsent(new String(line, replyOffset, replyLength, StandardCharsets.ISO_8859_1), nowNanos);
    }

    /** Cheap test for the hot path: nothing to look up while no request is pending. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * A publish on {@code subject}: if it answers a pending request, record how long it took.
     *
     * @return true when it was such a reply
     */
    public boolean published(byte[] line, int subjectOffset, int subjectLength, long nowNanos) {
        Long sentAt = pending.remove(new String(line, subjectOffset, subjectLength, StandardCharsets.ISO_8859_1));
        if (sentAt != null) {
            metrics.requestAnswered(nowNanos - sentAt);
            return true;
        }
        return false;
    }

    private void expire(long nowNanos) {
        for (Iterator<Long> sent = pending.values().iterator(); sent.hasNext(); ) {
            if (nowNanos - sent.next() > EXPIRY_NANOS) {
                sent.remove();
            }
        }
    }

    /** Requests being timed now (for tests and monitoring). */
    public int pending() {
        return pending.size();
    }
}
