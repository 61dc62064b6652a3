package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connected byte stream to one client: what every transport (TCP, TLS, Unix socket, WebSocket)
 * offers the connection layer, and all it offers. Reads and writes block the calling (virtual)
 * thread; {@link #close()} from any thread wakes both.
 *
 * <p>Threading: one reader thread calls {@link #read}, one writer thread calls {@link #write};
 * {@link #close()} may be called by anyone, any number of times.
 */
public interface Transport {

    /**
     * Reads at least one byte into {@code dst}, blocking until some arrive.
     *
     * @return bytes read, or -1 at end of stream
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes every remaining byte of {@code srcs[offset, offset + count)}, blocking as needed. */
    void write(ByteBuffer[] srcs, int offset, int count) throws IOException;

    /** Closes the connection; blocked reads and writes fail with an exception. Idempotent. */
    void close();

    /**
     * Closes after the last queued output was written, telling the peer why where the transport
     * has a way to (a WebSocket close frame). Called by the writer thread only.
     *
     * @param text the reason as /connz shows it
     */
    default void closeGracefully(CloseNotice notice, String text) {
        close();
    }

    boolean isOpen();

    /** The peer's address, for INFO's client_ip and for logs. */
    InetSocketAddress remoteAddress();

    /** The connection type as /connz names it: {@code nats}, {@code websocket}... */
    String type();

    /** The peer's user and group, for a Unix domain socket; null for any other transport. */
    default PeerCredentials peerCredentials() {
        return null;
    }

    /** What TLS negotiated, or null for a connection without TLS (or before the handshake). */
    default TlsDetails tls() {
        return null;
    }
}
