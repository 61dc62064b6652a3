package io.wirehub.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wirehub.server.stats.LatencyHistogram;
import org.junit.jupiter.api.Test;

class BucketCountsTest {
    private static final double[] BOUNDS = {0.001, 0.01, 0.1, Double.POSITIVE_INFINITY};

    @Test
    void quantilesInterpolateInsideTheBucketLikeHistogramQuantile() {
        BucketCounts counts = new BucketCounts(BOUNDS, new long[] {50, 40, 10, 0});
        // Rank 50 of 100 is the last observation of the first bucket: its upper bound.
        assertThat(counts.quantile(0.5)).isCloseTo(0.001, within(1e-12));
        // Rank 70 is half-way through the second bucket (0.001 to 0.01).
        assertThat(counts.quantile(0.7)).isCloseTo(0.0055, within(1e-12));
        assertThat(counts.quantile(0.99)).isCloseTo(0.091, within(1e-12));
    }

    @Test
    void ranksInTheInfiniteBucketAnswerTheHighestFiniteBound() {
        BucketCounts counts = new BucketCounts(BOUNDS, new long[] {0, 0, 1, 9});
        assertThat(counts.quantile(0.99)).isEqualTo(0.1);
    }

    @Test
    void noObservationsHaveNoQuantile() {
        assertThat(new BucketCounts(BOUNDS, new long[4]).quantile(0.5)).isNaN();
    }

    @Test
    void sinceGivesTheObservationsInBetween() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.observeNanos(500_000); // 0.5 ms
        BucketCounts before = BucketCounts.of(histogram.snapshot());
        histogram.observeNanos(50_000_000); // 50 ms, twice
        histogram.observeNanos(50_000_000);
        BucketCounts delta = BucketCounts.of(histogram.snapshot()).since(before);
        assertThat(delta.total()).isEqualTo(2);
        assertThat(delta.counts()).containsOnly(0, 2);
        assertThat(delta.quantile(0.5)).isBetween(0.025, 0.05);
    }
}
