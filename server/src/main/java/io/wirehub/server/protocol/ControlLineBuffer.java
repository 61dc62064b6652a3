package io.wirehub.server.protocol;

import java.util.Arrays;

/**
 * Holds a control line that straddles reads. The parser checks max_control_line before every
 * append, so this never grows past that limit (plus the CR that may precede the LF).
 */
final class ControlLineBuffer {
    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[0];
    private int length;

    boolean isEmpty() {
        return length == 0;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    void append(byte[] src, int offset, int count) {
        ensureCapacity(length + count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    /** Replaces the content with {@code src[offset, offset + count)}, placed at index 0. */
    void replaceWith(byte[] src, int offset, int count) {
        length = 0;
        append(src, offset, count);
    }

    /** Drops the last byte when asked (the CR before the LF). */
    void dropLast(boolean drop) {
        if (drop && length > 0) {
            length--;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.max(INITIAL_CAPACITY, bytes.length * 2)));
        }
    }
}
