package io.wirehub.server.connection;

import java.nio.ByteBuffer;

/**
 * Direct buffers of one size, shared by every connection's outbound queue. Direct, because the
 * socket write then needs no extra copy; pooled, because allocating direct memory is slow. The
 * pool keeps at most {@code maxPooled} idle buffers; beyond that they are left to the GC.
 *
 * <p>The idle buffers sit in a fixed array used as a stack rather than a concurrent queue: a
 * queue allocates a node for every buffer given back, which was the message path's only steady
 * allocation (JMH, OutboundQueueBenchmark). The most recently returned buffer is reused first,
 * which also keeps it warm in the cache.
 *
 * <p>Thread-safe: the stack is guarded by this pool's monitor, held for a few instructions.
 */
public final class BufferPool {
    private final int chunkSize;
    private final int maxPooled;
    /** Idle buffers, {@code [0, idleCount)}; guarded by this. */
    private final ByteBuffer[] idle;
    /** Guarded by this. */
    private int idleCount;

    public BufferPool(int chunkSize, int maxPooled) {
        this.chunkSize = chunkSize;
        this.maxPooled = maxPooled;
        this.idle = new ByteBuffer[maxPooled];
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** A cleared buffer of {@link #chunkSize()} bytes, in write mode. */
    public ByteBuffer take() {
        ByteBuffer buffer = null;
        synchronized (this) {
            if (idleCount > 0) {
                buffer = idle[--idleCount];
                idle[idleCount] = null;
            }
        }
        if (buffer == null) {
            return ByteBuffer.allocateDirect(chunkSize);
        }
        buffer.clear();
        return buffer;
    }

    public void give(ByteBuffer buffer) {
        if (buffer.capacity() != chunkSize) {
            return;
        }
        synchronized (this) {
            if (idleCount < maxPooled) {
                idle[idleCount++] = buffer;
            }
        }
    }

    /** Idle buffers held now, for monitoring. */
    public synchronized int idleBuffers() {
        return idleCount;
    }
}
