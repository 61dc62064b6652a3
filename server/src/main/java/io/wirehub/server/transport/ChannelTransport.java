package io.wirehub.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connection over a blocking {@link SocketChannel} (TCP or Unix domain): reads and gathering
 * writes straight on the channel. Subclasses say who the peer is.
 */
public abstract class ChannelTransport implements Transport {
    protected final SocketChannel channel;

    protected ChannelTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int count) throws IOException {
        int first = offset;
        int end = offset + count;
        while (first < end) {
            channel.write(srcs, first, end - first);
            while (first < end && !srcs[first].hasRemaining()) {
                first++;
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken: nothing left to release.
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** The underlying channel, for socket options. */
    public SocketChannel channel() {
        return channel;
    }
}
