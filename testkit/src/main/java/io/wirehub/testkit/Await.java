package io.wirehub.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls until a condition holds, or fails with a description once the deadline passes: the way
 * tests wait for something asynchronous, instead of sleeping for a guessed time.
 */
public final class Await {
    private static final long FIRST_PAUSE_NANOS = 1_000_000;
    private static final long MAX_PAUSE_NANOS = 50_000_000;

    private Await() {
    }

    /** Returns as soon as {@code condition} is true; throws {@link AssertionError} at the deadline. */
    public static void until(Duration timeout, BooleanSupplier condition, String description) {
        value(timeout, () -> condition.getAsBoolean(), Boolean::booleanValue, description);
    }

    /** Returns the first value of {@code supplier} that {@code accepted} takes. */
    public static <T> T value(Duration timeout, Supplier<T> supplier, Predicate<T> accepted, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        T last = null;
        while (true) {
            last = supplier.get();
            if (accepted.test(last)) {
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description
                        + " (last value: " + last + ")");
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + description, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
