package io.wirehub.server.connection;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size, shared by every connection's outbound queue. Direct, because the
 * socket write then needs no extra copy; pooled, because allocating direct memory is slow. The
 * pool keeps at most {@code maxPooled} idle buffers; beyond that they are left to the GC.
 *
 * <p>Thread-safe: the queue and the counter are concurrent.
 */
public final class BufferPool {
    private final int chunkSize;
    private final int maxPooled;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    /** Approximate size of {@link #idle} (ConcurrentLinkedQueue.size() is O(n)). */
    private final AtomicInteger idleCount = new AtomicInteger();

    public BufferPool(int chunkSize, int maxPooled) {
        this.chunkSize = chunkSize;
        this.maxPooled = maxPooled;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** A cleared buffer of {@link #chunkSize()} bytes, in write mode. */
    public ByteBuffer take() {
        ByteBuffer buffer = idle.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(chunkSize);
        }
        idleCount.decrementAndGet();
        buffer.clear();
        return buffer;
    }

    public void give(ByteBuffer buffer) {
        if (buffer.capacity() != chunkSize || idleCount.get() >= maxPooled) {
            return;
        }
        idleCount.incrementAndGet();
        idle.offer(buffer);
    }

    /** Idle buffers held now, for monitoring. */
    public int idleBuffers() {
        return idleCount.get();
    }
}
