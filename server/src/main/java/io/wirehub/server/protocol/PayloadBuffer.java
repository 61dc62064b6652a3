package io.wirehub.server.protocol;

/**
 * Collects a payload that straddles reads. Its size is bounded by max_payload, checked on the
 * control line before any payload byte is kept. A small array is kept for reuse; a large one is
 * dropped after each message so an idle connection does not hold megabytes.
 */
final class PayloadBuffer {
    /** Arrays up to this size are kept between messages. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private byte[] bytes;
    private int expected;
    private int filled;

    void start(int size) {
        if (bytes == null || bytes.length < size) {
            bytes = new byte[Math.max(size, 512)];
        }
        expected = size;
        filled = 0;
    }

    /** Copies up to what is still missing; returns how many bytes it took. */
    int fill(byte[] src, int offset, int available) {
        int count = Math.min(available, expected - filled);
        System.arraycopy(src, offset, bytes, filled, count);
        filled += count;
        return count;
    }

    boolean isFull() {
        return filled == expected;
    }

    byte[] array() {
        return bytes;
    }

    /** Whether {@link #release} drops the array (nothing writes to it again), rather than keep it for reuse. */
    boolean dropsArray() {
        return bytes != null && bytes.length > RETAINED_CAPACITY;
    }

    void release() {
        if (bytes != null && bytes.length > RETAINED_CAPACITY) {
            bytes = null;
        }
    }
}
