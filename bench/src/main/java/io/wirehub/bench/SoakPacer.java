package io.wirehub.bench;

import java.util.concurrent.TimeUnit;

/**
 * Holds a loop to a fixed number of rounds a second, so each part of the soak's load stays
 * bounded in CPU. A loop that falls behind does not burst to catch up: the next round is due one
 * period after the later of its slot and now. One pacer per thread.
 */
final class SoakPacer {
    private final long periodNanos;
    private long next = System.nanoTime();

    SoakPacer(double roundsPerSecond) {
        this.periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / roundsPerSecond);
    }

    /** Waits for the next round's slot. */
    void awaitNext() throws InterruptedException {
        long now = System.nanoTime();
        next = Math.max(next + periodNanos, now);
        long wait = next - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
