package io.wirehub.server.leaf;

import io.wirehub.server.protocol.LeafWire;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes waiting to go to the other side, and the writing of them. Publishers (any client's
 * reader thread) and the interest listener append; at the end of its read batch a publisher
 * writes the queue out itself when no one else is writing (as nats-server's producer flushes a
 * destination inline): a batch of messages leaves in one write, and a request crosses the link
 * without waiting for a thread to wake. When someone else is
 * writing, the writer thread is signalled and writes it next. Either way the bytes leave in
 * the order they were appended. A Java socket write has no deadline of its own, so the link
 * watches {@link #blockedNanos} and closes the socket past write_deadline (as nats-server closes
 * a slow consumer), which also frees a publisher caught writing to a hub that stopped reading.
 *
 * <p>Concurrency: {@link #lock} guards {@link #pending}, {@link #length}, {@link #closed} and
 * {@link #failure}; {@link #dataQueued} is signalled when bytes arrive or the queue closes.
 * {@link #writing} is held by the one thread writing to the socket, never together with
 * {@link #lock} across a write. {@link #out} is set once, before anything may be written inline.
 */
final class LeafOutbound {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dataQueued = lock.newCondition();
    private final ReentrantLock writing = new ReentrantLock();
    private final long maxPending;
    /** guarded by lock */
    private byte[] pending = new byte[16 * 1024];
    /** guarded by lock */
    private int length;
    /** guarded by lock */
    private boolean closed;
    /** A write that failed on a publisher's thread; guarded by lock, thrown by the writer thread. */
    private IOException failure;
    /** The socket's stream; null until the writer starts. */
    private volatile OutputStream out;
    /** System.nanoTime() when the current socket write began; 0 between writes. */
    private volatile long writingSince;
    /** A spare buffer swapped with pending on each write; guarded by writing. */
    private byte[] spare = new byte[16 * 1024];

    /** @param maxPending bytes that may wait before the link counts as a slow consumer */
    LeafOutbound(long maxPending) {
        this.maxPending = maxPending;
    }

    /**
     * Queues the parts as one frame (they never interleave with another frame) for the writer
     * thread. Control lines (LS+/LS-, PING, PONG, -ERR) come this way: the interest listener
     * calls it under the subscription index's lock, which must never wait on the socket.
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
        } finally {
            lock.unlock();
        }
        signalWriter();
        return true;
    }

    /**
     * Queues a message as one frame: its LMSG or HMSG line written straight into the queue from
     * the slices of {@code source} that hold its subject and reply ({@link LeafWire#writeMessageLine}),
     * then {@code size} bytes of {@code data} and CR LF. Nothing is written to the socket yet: the
     * publisher calls {@link #flush()} (or {@link #wake()}) at the end of its read batch, so a batch
     * of messages leaves in one socket write, as nats-server's flushClients does.
     *
     * @param replyLength -1 for no reply
     * @return false when the queue is closed or would pass maxPending: the frame is dropped
     */
    boolean appendMessage(byte[] source, int subjectOffset, int subjectLength, int replyOffset, int replyLength,
                          List<String> queues, int headerLength, byte[] data, int offset, int size) {
        int bound = LeafWire.messageLineBound(subjectLength, replyLength, queues) + size + 2;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (length + (long) size > maxPending) {
                return false;
            }
            ensure(bound);
            int at = LeafWire.writeMessageLine(pending, length, source, subjectOffset, subjectLength, replyOffset,
                    replyLength, queues, headerLength, size);
            if ((long) at + size + 2 > maxPending) {
                return false; // nothing committed: length is unchanged
            }
            System.arraycopy(data, offset, pending, at, size);
            at += size;
            pending[at++] = '\r';
            pending[at++] = '\n';
            length = at;
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * Writes the queue on this thread when no one else is writing; otherwise wakes the writer
     * thread (the one writing may already have looked at the queue and be about to stop).
     */
    void flush() {
        if (out != null && writing.tryLock()) {
            try {
                drain();
                return;
            } catch (IOException e) {
                fail(e);
                return;
            } finally {
                writing.unlock();
            }
        }
        signalWriter();
    }

    /** Wakes the writer thread to write the queue; the caller never writes. */
    void wake() {
        signalWriter();
    }

    private void signalWriter() {
        lock.lock();
        try {
            dataQueued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A write on a publisher's thread failed: the writer thread reports it and the link ends. */
    private void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
            closed = true;
            dataQueued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Writes until the queue is empty. The caller holds {@link #writing}. */
    private void drain() throws IOException {
        OutputStream stream = out;
        while (true) {
            byte[] batch;
            int size;
            lock.lock();
            try {
                if (length == 0) {
                    return;
                }
                batch = pending;
                size = length;
                pending = spare;
                length = 0;
            } finally {
                lock.unlock();
            }
            writingSince = System.nanoTime();
            try {
                stream.write(batch, 0, size);
                stream.flush();
            } finally {
                writingSince = 0;
            }
            spare = batch;
        }
    }

    /** Nanoseconds the current socket write has been blocked, or 0 when no one is writing. */
    long blockedNanos(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    /** Caller holds the lock. */
    private void ensure(int more) {
        if (length + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length + more, pending.length * 2));
        }
    }

    /**
     * Writes what publishers leave queued until {@link #close()}; returns then, or throws when the
     * socket fails (here or on a publisher's thread).
     */
    void writeLoop(OutputStream stream) throws IOException, InterruptedException {
        out = stream;
        while (true) {
            lock.lock();
            try {
                while (length == 0 && !closed) {
                    dataQueued.await();
                }
                if (failure != null) {
                    throw failure;
                }
                if (length == 0) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            writing.lock();
            try {
                drain();
            } finally {
                writing.unlock();
            }
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
