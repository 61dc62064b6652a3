package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connected byte stream to one client: what every transport (TCP, TLS, Unix socket, WebSocket)
 * offers the connection layer, and all it offers. Reads and writes block the calling (virtual)
 * thread; {@link #close()} from any thread wakes both.
 *
 * <p>Threading: one reader thread calls {@link #read}; one thread at a time calls {@link #write} or
 * {@link #tryWrite} (the connection's writer, or a thread writing in place while it is idle);
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

    /**
     * Prepares {@link #tryWrite}: called once, on the accepting thread, before the connection's
     * threads use this transport.
     *
     * @return whether {@link #tryWrite} may be used; false for TLS and WebSocket, whose records
     *         and frames are written by the connection's writer thread only
     */
    default boolean enableTryWrite() {
        return false;
    }

    /**
     * Writes what the socket takes now, without waiting: possibly nothing, possibly part of a
     * buffer. Only after {@link #enableTryWrite} said yes, and by whoever holds the right to write
     * (the same rule as {@link #write}: one writer at a time).
     *
     * @return bytes written
     */
    default long tryWrite(ByteBuffer[] srcs, int offset, int count) throws IOException {
        throw new UnsupportedOperationException(type() + " writes from its writer thread only");
    }

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
