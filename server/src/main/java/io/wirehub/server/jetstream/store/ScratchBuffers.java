package io.wirehub.server.jetstream.store;

import java.nio.ByteBuffer;

/**
 * Direct buffers that block writes and reads go through, shared by every file store. A record is
 * encoded straight into one and written from it, and a read lands in one and is decoded from it:
 * a heap buffer would cost an extra copy each way, since the JDK copies it into a direct buffer of
 * its own for the system call (and allocates the heap buffer per record besides).
 *
 * <p>Buffers up to {@link #MAX_CAPACITY} are pooled; a larger record takes a heap buffer as before
 * ({@link #take} returns null). At most {@link #MAX_IDLE} idle buffers are kept, so the direct
 * memory held is bounded whatever the number of streams. An idle buffer too small for a request is
 * dropped for a larger one, so the pool settles at the sizes in use.
 *
 * <p>Thread-safe: the stack is guarded by the class's lock, held for a few instructions.
 */
final class ScratchBuffers {
    /** The largest buffer pooled (records up to this size are written and read without a heap copy). */
    static final int MAX_CAPACITY = 1 << 20;
    private static final int MIN_CAPACITY = 64 * 1024;
    private static final int MAX_IDLE = 8;

    private static final Object LOCK = new Object();
    /** Idle buffers, {@code [0, idleCount)}; guarded by LOCK. */
    private static final ByteBuffer[] IDLE = new ByteBuffer[MAX_IDLE];
    private static int idleCount;

    private ScratchBuffers() {
    }

    /**
     * A cleared direct buffer of at least {@code size} bytes with its limit at {@code size}, or
     * null when {@code size} is above {@link #MAX_CAPACITY}. Give it back with {@link #give}.
     */
    static ByteBuffer take(int size) {
        if (size > MAX_CAPACITY || size < 0) {
            return null;
        }
        ByteBuffer buffer = null;
        synchronized (LOCK) {
            if (idleCount > 0) {
                buffer = IDLE[--idleCount];
                IDLE[idleCount] = null;
            }
        }
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size - 1)) << 1));
        }
        buffer.clear().limit(size);
        return buffer;
    }

    /** Returns a buffer from {@link #take}; a heap buffer (the fallback) is ignored. */
    static void give(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || buffer.capacity() > MAX_CAPACITY) {
            return;
        }
        synchronized (LOCK) {
            if (idleCount < MAX_IDLE) {
                IDLE[idleCount++] = buffer;
            }
        }
    }
}
