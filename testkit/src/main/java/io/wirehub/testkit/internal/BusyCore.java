package io.wirehub.testkit.internal;

import java.time.Duration;

/**
 * Keeps one core busy with a spinning thread, as other work on a test machine would, until closed
 * or until its time limit passes (so a test that forgets to close it cannot leave it spinning).
 */
public final class BusyCore implements AutoCloseable {
    private final Thread spinner;
    private volatile boolean stop;

    private BusyCore(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        spinner = Thread.ofPlatform().name("busy-core").daemon(true).start(() -> spin(deadline));
    }

    /** Starts spinning at once; spins for {@code limit} at most. */
    public static BusyCore start(Duration limit) {
        return new BusyCore(limit);
    }

    private void spin(long deadline) {
        long work = 0;
        while (!stop && System.nanoTime() < deadline) {
            for (int i = 0; i < 100_000; i++) {
                work = work * 31 + i;
            }
        }
        if (work == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        spinner.join();
    }
}
