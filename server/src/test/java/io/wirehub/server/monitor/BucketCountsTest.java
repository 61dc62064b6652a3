package io.wirehub.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.metrics.core.metrics.Histogram;
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
        Histogram histogram = Histogram.builder().name("t_seconds").classicOnly()
                .classicUpperBounds(0.001, 0.01, 0.1).build();
        histogram.observe(0.0005);
        BucketCounts before = BucketCounts.of(histogram);
        histogram.observe(0.05);
        histogram.observe(0.05);
        BucketCounts delta = BucketCounts.of(histogram).since(before);
        assertThat(delta.total()).isEqualTo(2);
        assertThat(delta.counts()).containsExactly(0, 0, 2, 0);
        assertThat(delta.quantile(0.5)).isBetween(0.01, 0.1);
    }
}
