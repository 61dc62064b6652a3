package io.wirehub.server.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static int bucketOf(LatencyCounts counts, double seconds) {
        double[] bounds = counts.upperBounds();
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                return i;
            }
        }
        throw new AssertionError("no bucket for " + seconds);
    }

    @Test
    void aDurationGoesIntoTheFirstBucketWhoseBoundItDoesNotExceed() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.observeNanos(50_000);      // exactly the first bound, 50 µs
        histogram.observeNanos(50_001);      // just past it
        histogram.observeNanos(3_000_000);   // 3 ms
        histogram.observeNanos(60_000_000_000L); // a minute: past the last bound
        LatencyCounts counts = histogram.snapshot();
        long[] perBucket = counts.counts();
        assertThat(perBucket[0]).isEqualTo(1);
        assertThat(perBucket[1]).isEqualTo(1);
        assertThat(perBucket[bucketOf(counts, 0.003)]).isEqualTo(1);
        assertThat(counts.upperBounds()[perBucket.length - 1]).isInfinite();
        assertThat(perBucket[perBucket.length - 1]).isEqualTo(1);
        assertThat(counts.total()).isEqualTo(4);
        assertThat(counts.sumSeconds()).isCloseTo(60.003100001, within(1e-9));
    }

    @Test
    void aSnapshotIsACopy() {
        LatencyHistogram histogram = new LatencyHistogram();
        LatencyCounts before = histogram.snapshot();
        histogram.observeNanos(1_000);
        before.counts()[0] = 99;
        assertThat(before.total()).isZero();
        assertThat(histogram.snapshot().total()).isEqualTo(1);
    }

    @Test
    void closeReasonsAreCountedByName() {
        ServerMetrics metrics = new ServerMetrics();
        metrics.closed("client_closed");
        metrics.closed("client_closed");
        metrics.closed("slow_consumer_pending_bytes");
        assertThat(metrics.closesByReason()).containsExactly(
                java.util.Map.entry("client_closed", 2L), java.util.Map.entry("slow_consumer_pending_bytes", 1L));
    }
}
