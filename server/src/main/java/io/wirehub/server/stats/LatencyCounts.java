package io.wirehub.server.stats;

/**
 * A {@link LatencyHistogram}'s buckets at one moment.
 *
 * @param upperBounds bucket upper bounds in seconds, ascending, the last one +Inf
 * @param counts      observations per bucket (not cumulative)
 * @param sumSeconds  the sum of every observation, in seconds
 */
public record LatencyCounts(double[] upperBounds, long[] counts, double sumSeconds) {
    public LatencyCounts {
        upperBounds = upperBounds.clone();
        counts = counts.clone();
    }

    @Override
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Observations in all buckets. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
