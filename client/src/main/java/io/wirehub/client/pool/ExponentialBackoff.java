package io.wirehub.client.pool;

import io.nats.client.Options;
import io.nats.client.ReconnectDelayHandler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays for jnats that grow exponentially and are spread at random ("full jitter":
 * a uniform delay between zero and {@code min(cap, base × 2^attempt)}), so clients cut off
 * together by a restarting server do not all come back in the same instant (a reconnect storm).
 *
 * <pre>{@code
 * Options options = ExponentialBackoff.of(Duration.ofMillis(100), Duration.ofSeconds(10))
 *         .applyTo(new Options.Builder().server(url)).build();
 * }</pre>
 */
public final class ExponentialBackoff implements ReconnectDelayHandler {
    private final long baseNanos;
    private final long capNanos;

    private ExponentialBackoff(Duration base, Duration cap) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got " + base + " and " + cap);
        }
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
    }

    public static ExponentialBackoff of(Duration base, Duration cap) {
        return new ExponentialBackoff(base, cap);
    }

    /** The longest delay for this attempt (1-based), before jitter. */
    public Duration ceiling(long attempt) {
        int doublings = (int) Math.min(62, Math.max(0, attempt - 1));
        long ceiling = baseNanos > (capNanos >> doublings) ? capNanos : Math.min(capNanos, baseNanos << doublings);
        return Duration.ofNanos(ceiling);
    }

    /** jnats asks before each round of reconnect attempts; {@code totalTries} counts from 1. */
    @Override
    public Duration getWaitTime(long totalTries) {
        long ceiling = ceiling(totalTries).toNanos();
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** Reconnects forever with these delays (jnats' own jitter off: this one replaces it). */
    public Options.Builder applyTo(Options.Builder builder) {
        return builder.maxReconnects(-1).reconnectDelayHandler(this).reconnectJitter(Duration.ZERO)
                .reconnectJitterTls(Duration.ZERO);
    }
}
