package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A plain TCP connection over a blocking {@link SocketChannel}. */
public final class TcpTransport implements Transport {
    private final SocketChannel channel;
    private final InetSocketAddress remote;

    public TcpTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        SocketAddress address = channel.getRemoteAddress();
        this.remote = address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
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

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String type() {
        return "nats";
    }

    /** The underlying channel, for socket options. */
    public SocketChannel channel() {
        return channel;
    }
}
