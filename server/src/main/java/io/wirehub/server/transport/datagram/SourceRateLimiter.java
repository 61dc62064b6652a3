package io.wirehub.server.transport.datagram;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Datagrams per second per source address, as a token bucket per address (a burst of one second's
 * worth, refilled continuously). The table of sources is bounded: when full, sources idle for a
 * second or more are forgotten, and if none are, new sources share one overflow bucket, so a flood
 * of forged source addresses costs bounded memory.
 *
 * <p>Confined to the UDP listener's thread.
 */
final class SourceRateLimiter {
    static final int MAX_SOURCES = 16_384;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int perSecond;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();
    private final Bucket overflow = new Bucket();

    private static final class Bucket {
        double tokens;
        long refilledAt;
        boolean fresh = true;
    }

    /** @param perSecond datagrams per second per source; 0 for no limit */
    SourceRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes a token for the source; false when it is over its rate. */
    boolean tryAcquire(InetAddress source, long nowNanos) {
        if (perSecond == 0) {
            return true;
        }
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            if (buckets.size() >= MAX_SOURCES) {
                forgetIdle(nowNanos);
            }
            bucket = buckets.size() < MAX_SOURCES ? new Bucket() : overflow;
            if (bucket != overflow) {
                buckets.put(source, bucket);
            }
        }
        if (bucket.fresh) {
            bucket.fresh = false;
            bucket.tokens = perSecond;
            bucket.refilledAt = nowNanos;
        } else {
            double earned = (nowNanos - bucket.refilledAt) * (double) perSecond / NANOS_PER_SECOND;
            bucket.tokens = Math.min(perSecond, bucket.tokens + earned);
            bucket.refilledAt = nowNanos;
        }
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    private void forgetIdle(long nowNanos) {
        buckets.values().removeIf(b -> nowNanos - b.refilledAt >= NANOS_PER_SECOND);
    }

    int trackedSources() {
        return buckets.size();
    }
}
