package io.wirehub.server.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of durations in fixed buckets, from 50 µs to 10 s (the range loopback to WAN round trips
 * fall in), as a Prometheus classic histogram has them: a duration goes into the first bucket
 * whose upper bound it does not exceed, or the last, unbounded one.
 *
 * <p>Thread-safe and contention-free: one LongAdder per bucket. A {@link #snapshot} read while
 * others observe may miss the newest observations; each count it holds is exact.
 */
public final class LatencyHistogram {
    /** Upper bounds in seconds, ascending; +Inf is implied after the last. */
    static final double[] UPPER_BOUNDS_SECONDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
            0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long[] UPPER_BOUNDS_NANOS = new long[UPPER_BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < UPPER_BOUNDS_SECONDS.length; i++) {
            UPPER_BOUNDS_NANOS[i] = Math.round(UPPER_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** One per bound, plus the +Inf bucket last. */
    private final LongAdder[] counts = new LongAdder[UPPER_BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observeNanos(long nanos) {
        int bucket = 0;
        while (bucket < UPPER_BOUNDS_NANOS.length && nanos > UPPER_BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sumNanos.add(nanos);
    }

    public LatencyCounts snapshot() {
        double[] bounds = new double[counts.length];
        System.arraycopy(UPPER_BOUNDS_SECONDS, 0, bounds, 0, UPPER_BOUNDS_SECONDS.length);
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        long[] values = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i].sum();
        }
        return new LatencyCounts(bounds, values, sumNanos.sum() / 1e9);
    }
}
