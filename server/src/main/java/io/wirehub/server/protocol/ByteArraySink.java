package io.wirehub.server.protocol;

import java.util.Arrays;

/** A {@link ByteSink} that collects into an array sized for the frame it will hold. Not thread-safe. */
public final class ByteArraySink implements ByteSink {
    private byte[] bytes;
    private int length;

    public ByteArraySink(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    @Override
    public boolean reserve(int bytes) {
        ensure(bytes);
        return true;
    }

    @Override
    public void put(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    @Override
    public void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** What was written, exactly as long as it is. */
    public byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
