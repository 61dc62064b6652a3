package io.wirehub.server.stats;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request-reply latency as the server sees it: a publish with a reply subject that reached someone
 * starts a clock under that reply subject; the first publish to that subject stops it. Bounded: at
 * most {@link #MAX_PENDING} requests are timed at once and unanswered ones expire, so a flood of
 * requests nobody answers costs a fixed amount of memory, and a fixed amount of time: while the
 * map is full, it is searched for expired requests at most once per {@link #FULL_SCAN_INTERVAL_NANOS}
 * (it was searched on every request, 10,000 entries each time, ~8 % of the server's CPU in a file
 * transfer whose internal replies were not counted as answers).
 *
 * <p>Thread-safe: a concurrent map; every publishing reader calls it.
 */
public final class RequestReplyTracker {
    static final int MAX_PENDING = 10_000;
    private static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(2);
    static final long FULL_SCAN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerMetrics metrics;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    /** When the full map was last searched for expired requests; taken by one thread at a time (compare-and-set). */
    private final AtomicLong lastFullScan = new AtomicLong();
    /** Whether {@link #lastFullScan} holds a time yet (nanoTime values may be any long). */
    private volatile boolean scannedWhenFull;

    public RequestReplyTracker(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** A request was delivered: start timing its reply subject. */
    public void requestSent(byte[] line, int replyOffset, int replyLength, long nowNanos) {
        if (pending.size() >= MAX_PENDING) {
            if (!claimFullScan(nowNanos)) {
                return; // searched less than an interval ago (or another thread is at it): not timed
            }
            expire(nowNanos);
            if (pending.size() >= MAX_PENDING) {
                return;
            }
        }
        pending.putIfAbsent(new String(line, replyOffset, replyLength, StandardCharsets.ISO_8859_1), nowNanos);
    }

    /**
     * For every publish on the hot path (client and internal): nothing is looked up, and the clock
     * is not read, while no request is pending.
     *
     * @return true when the publish answered a pending request
     */
    public boolean published(byte[] line, int subjectOffset, int subjectLength) {
        return !pending.isEmpty() && published(line, subjectOffset, subjectLength, System.nanoTime());
    }

    /**
     * A publish on {@code subject}: if it answers a pending request, record how long it took.
     *
     * @return true when it was such a reply
     */
    public boolean published(byte[] line, int subjectOffset, int subjectLength, long nowNanos) {
        return answered(pending.remove(new String(line, subjectOffset, subjectLength, StandardCharsets.ISO_8859_1)),
                nowNanos);
    }

    /** As {@link #published(byte[], int, int)}, for a subject already held as a String (nothing allocated). */
    public boolean published(String subject) {
        return !pending.isEmpty() && answered(pending.remove(subject), System.nanoTime());
    }

    private boolean answered(Long sentAt, long nowNanos) {
        if (sentAt != null) {
            metrics.requestAnswered(nowNanos - sentAt);
            return true;
        }
        return false;
    }

    private boolean claimFullScan(long nowNanos) {
        long last = lastFullScan.get();
        if (scannedWhenFull && nowNanos - last < FULL_SCAN_INTERVAL_NANOS) {
            return false;
        }
        if (!lastFullScan.compareAndSet(last, nowNanos)) {
            return false;
        }
        scannedWhenFull = true;
        return true;
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
