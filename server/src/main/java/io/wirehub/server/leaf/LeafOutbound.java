package io.wirehub.server.leaf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes waiting to go to the hub, and the loop that writes them. Publishers (any client's
 * reader thread) and the interest listener append and return at once; one writer thread takes
 * everything queued and writes it, so nobody waits on the hub's socket but the writer.
 *
 * <p>Concurrency: {@link #lock} guards {@link #pending}, {@link #length} and {@link #closed};
 * {@link #dataQueued} is signalled when bytes arrive or the queue closes. The writer never holds
 * the lock across a write.
 */
final class LeafOutbound {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dataQueued = lock.newCondition();
    private final long maxPending;
    /** guarded by lock */
    private byte[] pending = new byte[16 * 1024];
    /** guarded by lock */
    private int length;
    /** guarded by lock */
    private boolean closed;

    /** @param maxPending bytes that may wait before the link counts as a slow consumer */
    LeafOutbound(long maxPending) {
        this.maxPending = maxPending;
    }

    /**
     * Queues the parts as one frame (they never interleave with another frame).
     *
     * @return false when the queue is closed or would pass maxPending: the frame is dropped
     */
    boolean append(byte[]... parts) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            int size = 0;
            for (byte[] part : parts) {
                size += part.length;
            }
            if (length + (long) size > maxPending) {
                return false;
            }
            ensure(size);
            for (byte[] part : parts) {
                System.arraycopy(part, 0, pending, length, part.length);
                length += part.length;
            }
            dataQueued.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a slice of a buffer between two whole parts, as one frame. */
    boolean append(byte[] line, byte[] data, int offset, int size, byte[] end) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            int total = line.length + size + end.length;
            if (length + (long) total > maxPending) {
                return false;
            }
            ensure(total);
            System.arraycopy(line, 0, pending, length, line.length);
            System.arraycopy(data, offset, pending, length + line.length, size);
            System.arraycopy(end, 0, pending, length + line.length + size, end.length);
            length += total;
            dataQueued.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void ensure(int more) {
        if (length + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length + more, pending.length * 2));
        }
    }

    /** Writes until {@link #close()}; returns then, or throws when the socket fails. */
    void writeLoop(OutputStream out) throws IOException, InterruptedException {
        byte[] spare = new byte[16 * 1024];
        while (true) {
            byte[] batch;
            int size;
            lock.lock();
            try {
                while (length == 0 && !closed) {
                    dataQueued.await();
                }
                if (length == 0) {
                    return;
                }
                batch = pending;
                size = length;
                pending = spare.length >= 16 * 1024 ? spare : new byte[16 * 1024];
                length = 0;
            } finally {
                lock.unlock();
            }
            out.write(batch, 0, size);
            out.flush();
            spare = batch;
        }
    }

    /** Stops the writer once what is queued is written. */
    void close() {
        lock.lock();
        try {
            closed = true;
            dataQueued.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
