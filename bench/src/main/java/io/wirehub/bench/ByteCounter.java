package io.wirehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads every subscriber connection of a raw load, one thread each, and only counts bytes: done
 * when all of them together received the expected total. The time of the first byte anywhere and
 * of the moment the total was reached frame the measurement.
 */
final class ByteCounter {
    /** Above this many connections the readers are virtual threads (a fan-out curve's 1,000). */
    private static final int PLATFORM_THREADS_UP_TO = 64;

    private final long expected;
    private final AtomicLong received = new AtomicLong();
    /** Set once, by the first reader to see a byte. */
    private final AtomicLong firstByteNanos = new AtomicLong();
    /** Set once, by the reader whose read completes the total. */
    private volatile long lastByteNanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> readers = new ArrayList<>();

    private ByteCounter(long expected) {
        this.expected = expected;
    }

    /** Starts reading all of {@code connections} until {@code expected} bytes arrived in total. */
    static ByteCounter start(List<RawConnection> connections, long expected) {
        ByteCounter counter = new ByteCounter(expected);
        Thread.Builder builder = connections.size() <= PLATFORM_THREADS_UP_TO
                ? Thread.ofPlatform().daemon().name("bench-reader-", 0) : Thread.ofVirtual().name("bench-reader-", 0);
        for (RawConnection connection : connections) {
            counter.readers.add(builder.start(() -> counter.readAll(connection.in())));
        }
        return counter;
    }

    private void readAll(InputStream in) {
        byte[] buffer = new byte[256 * 1024];
        try {
            while (done.getCount() > 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    if (done.getCount() > 0) {
                        fail(new IOException("a subscriber was closed after " + received.get() + " of " + expected
                                + " bytes"));
                    }
                    return;
                }
                firstByteNanos.compareAndSet(0, System.nanoTime());
                if (received.addAndGet(n) >= expected) {
                    lastByteNanos = System.nanoTime();
                    done.countDown();
                }
            }
        } catch (IOException e) {
            if (done.getCount() > 0) {
                fail(e);
            }
        }
    }

    private void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        done.countDown();
    }

    /** Waits for the total; returns the seconds from the first byte to the last. */
    double awaitSeconds(long timeoutSeconds) throws IOException, InterruptedException {
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IOException("subscribers received " + received.get() + " of " + expected + " bytes in "
                    + timeoutSeconds + " s");
        }
        if (failure.get() != null) {
            throw new IOException("subscriber read failed: " + failure.get().getMessage(), failure.get());
        }
        // Beyond the messages, a server may send a PING or two (nats-server measures the RTT this way).
        long extra = received.get() - expected;
        if (extra > 64L * readers.size()) {
            throw new IOException("subscribers received " + received.get() + " bytes, expected " + expected);
        }
        return (lastByteNanos - firstByteNanos.get()) / 1e9;
    }
}
