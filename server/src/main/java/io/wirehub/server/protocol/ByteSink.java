package io.wirehub.server.protocol;

/**
 * Where {@link WireEncoder} writes: a client's outbound queue, or an array being built. The
 * encoder reserves a frame's whole size before it writes a byte of it, so a sink with a budget can
 * refuse the frame whole.
 */
public interface ByteSink {

    /**
     * Makes room for a frame of {@code bytes}, all of which the encoder then writes.
     *
     * @return false to refuse the frame: nothing of it is written then
     */
    boolean reserve(int bytes);

    void put(byte[] src, int offset, int length);

    void put(byte b);

    default void put(byte[] src) {
        put(src, 0, src.length);
    }
}
