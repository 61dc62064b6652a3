package io.wirehub.server.monitor;

import io.wirehub.server.stats.LatencyCounts;

/**
 * A histogram's bucket counts at one moment. Two of them give the observations made in between,
 * and percentiles estimated the way Prometheus's histogram_quantile does: find the bucket holding
 * the rank, interpolate linearly inside it.
 *
 * @param upperBounds bucket upper bounds in seconds, ascending, the last one +Inf
 * @param counts      observations per bucket (not cumulative)
 */
record BucketCounts(double[] upperBounds, long[] counts) {

    static BucketCounts of(LatencyCounts histogram) {
        return new BucketCounts(histogram.upperBounds(), histogram.counts());
    }

    /** The observations made since {@code earlier} (same histogram). */
    BucketCounts since(BucketCounts earlier) {
        long[] delta = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            delta[i] = counts[i] - (i < earlier.counts.length ? earlier.counts[i] : 0);
        }
        return new BucketCounts(upperBounds, delta);
    }

    long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * The estimated {@code q} quantile in seconds; NaN without observations. Ranks in the +Inf
     * bucket answer with the highest finite bound, as histogram_quantile does.
     */
    double quantile(double q) {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                if (Double.isInfinite(upperBounds[i])) {
                    return i == 0 ? Double.NaN : upperBounds[i - 1];
                }
                double lower = i == 0 ? 0 : upperBounds[i - 1];
                return lower + (upperBounds[i] - lower) * ((rank - below) / counts[i]);
            }
            below += counts[i];
        }
        return upperBounds[Math.max(0, counts.length - 2)];
    }
}
