package io.wirehub.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestReplyTrackerTest {
    private final RequestReplyTracker tracker = new RequestReplyTracker(new ServerMetrics());

    private void sent(String reply, long nanos) {
        byte[] line = reply.getBytes(StandardCharsets.ISO_8859_1);
        tracker.requestSent(line, 0, line.length, nanos);
    }

    private boolean answered(String subject, long nanos) {
        byte[] line = subject.getBytes(StandardCharsets.ISO_8859_1);
        return tracker.published(line, 0, line.length, nanos);
    }

    private void fill(String prefix, long nanos) {
        for (int i = tracker.pending(); i < RequestReplyTracker.MAX_PENDING; i++) {
            sent(prefix + i, nanos);
        }
    }

    @Test
    void aReplyStopsTheClockOfItsRequest() {
        sent("_INBOX.a", 1_000);
        assertThat(answered("_INBOX.b", 2_000)).isFalse();
        assertThat(answered("_INBOX.a", 3_000)).isTrue();
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void aDeliveryToThePullRequestsReplyStopsItsClock() {
        // A consumer's delivery: the MSG line carries the stored subject, the destination is the reply.
        sent("_INBOX.pull.1", 1_000);
        assertThat(tracker.published("orders.new")).isFalse();
        assertThat(tracker.pending()).isEqualTo(1);
        assertThat(tracker.published("_INBOX.pull.1")).isTrue();
        assertThat(tracker.pending()).isZero();
        assertThat(tracker.published("_INBOX.pull.1")).as("answered once").isFalse();
    }

    @Test
    void aFullTrackerLooksForExpiredRequestsAtMostOncePerInterval() {
        long start = 1_000;
        fill("_INBOX.old.", start);
        long later = start + TimeUnit.MINUTES.toNanos(3);
        sent("_INBOX.first", later);
        assertThat(tracker.pending()).as("all expired, the new one timed").isEqualTo(1);

        fill("_INBOX.stale.", start); // expired already, but the last search was just now
        sent("_INBOX.soon", later + RequestReplyTracker.FULL_SCAN_INTERVAL_NANOS / 2);
        assertThat(tracker.pending()).as("no search within the interval: not timed").isEqualTo(
                RequestReplyTracker.MAX_PENDING);

        sent("_INBOX.next", later + RequestReplyTracker.FULL_SCAN_INTERVAL_NANOS + 1);
        assertThat(tracker.pending()).as("searched again after the interval").isEqualTo(2);
    }
}
