package io.nats.client.impl;

import io.nats.client.support.NatsUri;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * jnats' byte pipe over a Unix domain socket. jnats creates it by class name
 * ({@code Options.Builder.dataPortType}) and hands it the server URL; the socket file's path is
 * the URL's path (see {@code io.wirehub.client.unix.UnixSockets} for how {@code unix:///path}
 * becomes such a URL).
 *
 * <p>Why this package: {@link DataPort}'s methods take jnats' package-private
 * {@code NatsConnection}, so an implementation can only be written inside
 * {@code io.nats.client.impl}. This works on the class path (jnats is an automatic module, so a
 * modular application would see a split package and must keep jnats on the class path).
 *
 * <p>Threading: jnats reads on one thread and writes on another; a blocking {@link SocketChannel}
 * allows exactly that. The channel is used directly rather than through streams, because
 * {@code Channels.newInputStream} and {@code newOutputStream} share one lock, so a blocked read
 * would hold up every write.
 */
public final class UnixSocketDataPort implements DataPort {
    /** Set in connect, before jnats starts its reader and writer; read-only afterwards. */
    private volatile SocketChannel channel;

    /** jnats instantiates data ports reflectively through this constructor. */
    public UnixSocketDataPort() {
    }

    @Override
    public void connect(String serverUri, NatsConnection connection, long timeoutNanos) throws IOException {
        try {
            open(new URI(serverUri).getPath());
        } catch (URISyntaxException e) {
            throw new IOException("not a server URL: " + serverUri, e);
        }
    }

    @Override
    public void connect(NatsConnection connection, NatsUri uri, long timeoutNanos) throws IOException {
        open(uri.getUri().getPath());
    }

    private void open(String path) throws IOException {
        if (path == null || path.isEmpty()) {
            throw new IOException("no Unix socket path in the server URL");
        }
        // A local connect either succeeds or is refused at once: no timeout to apply.
        channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    @Override
    public void upgradeToSecure() throws IOException {
        throw new IOException("TLS is not offered over a Unix socket: the kernel already says who the peer is");
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        return channel.read(ByteBuffer.wrap(dst, off, len));
    }

    @Override
    public void write(byte[] src, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(src, 0, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void close() throws IOException {
        SocketChannel open = channel;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void flush() {
        // Writes go straight to the socket: nothing is buffered here.
    }
}
