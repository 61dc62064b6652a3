package io.wirehub.server.auth;

import io.wirehub.server.config.RateLimitConfig;
import io.wirehub.server.config.RateLimitConfig.Policy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Message and byte rates for publishing, as two token buckets that refill continuously and hold
 * at most one second's worth (the burst). One instance per connection, or one shared by all the
 * connections of a user.
 *
 * <p>Under {@link Policy#SLOW_DOWN} a publish always takes its tokens, going into debt; the caller
 * then pauses its reader until the debt is paid, so TCP pushes back on the publisher. Under
 * {@link Policy#REFUSE} a publish takes tokens only when they are there.
 *
 * <p>Thread-safe: {@link #lock} guards the buckets.
 */
public final class PublishLimiter {
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RateLimitConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private double messageTokens;
    /** guarded by lock */
    private double byteTokens;
    /** guarded by lock */
    private long refilledAt = System.nanoTime();

    public PublishLimiter(RateLimitConfig config) {
        this.config = config;
        this.messageTokens = config.messagesPerSecond();
        this.byteTokens = config.bytesPerSecond();
    }

    /** A limiter for these rates, or null when they limit nothing. */
    public static PublishLimiter of(RateLimitConfig config) {
        return config == null || !config.limited() ? null : new PublishLimiter(config);
    }

    public Policy policy() {
        return config.policy();
    }

    /**
     * Takes one message of {@code bytes}, going into debt if needed (SLOW_DOWN).
     *
     * @return nanoseconds the publisher should pause before reading more; 0 when within its rate
     */
    public long acquire(int bytes) {
        lock.lock();
        try {
            refill();
            messageTokens -= config.messagesPerSecond() > 0 ? 1 : 0;
            byteTokens -= config.bytesPerSecond() > 0 ? bytes : 0;
            return Math.max(debtNanos(messageTokens, config.messagesPerSecond()),
                    debtNanos(byteTokens, config.bytesPerSecond()));
        } finally {
            lock.unlock();
        }
    }

    /** Takes one message of {@code bytes} only if the rates allow it now (REFUSE). */
    public boolean tryAcquire(int bytes) {
        lock.lock();
        try {
            refill();
            boolean messagesOk = config.messagesPerSecond() == 0 || messageTokens >= 1;
            boolean bytesOk = config.bytesPerSecond() == 0 || byteTokens >= bytes;
            if (!messagesOk || !bytesOk) {
                return false;
            }
            messageTokens -= config.messagesPerSecond() > 0 ? 1 : 0;
            byteTokens -= config.bytesPerSecond() > 0 ? bytes : 0;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        double elapsed = (now - refilledAt) / NANOS_PER_SECOND;
        refilledAt = now;
        messageTokens = Math.min(config.messagesPerSecond(), messageTokens + elapsed * config.messagesPerSecond());
        byteTokens = Math.min(config.bytesPerSecond(), byteTokens + elapsed * config.bytesPerSecond());
    }

    private static long debtNanos(double tokens, long perSecond) {
        return perSecond == 0 || tokens >= 0 ? 0 : (long) (-tokens / perSecond * NANOS_PER_SECOND);
    }
}
