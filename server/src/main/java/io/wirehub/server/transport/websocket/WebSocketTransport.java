package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.CloseNotice;
import io.wirehub.server.transport.TlsDetails;
import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A client connection over WebSocket, after an accepted upgrade: the NATS bytes travel inside
 * RFC 6455 frames over the underlying TCP or TLS transport. Reads decode frames (and answer
 * control frames), writes send binary frames.
 *
 * <p>Threading: as {@link Transport}: one reader thread, one writer thread. The reader also writes
 * PONG and CLOSE frames; the {@link FrameWriter}'s lock keeps those apart from data frames.
 */
public final class WebSocketTransport implements Transport {
    /** How long {@link #closeWith} waits for a data frame being written before closing without a close frame. */
    private static final long CLOSE_FRAME_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Transport underlying;
    private final HandshakeResult.Accepted handshake;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final InetSocketAddress remote;

    /**
     * @param underlying the TCP or TLS transport the handshake was read from and answered on
     * @param handshake  what the upgrade negotiated
     * @param settings   the listener's settings (the message size cap)
     */
    public WebSocketTransport(Transport underlying, HandshakeResult.Accepted handshake, WebSocketSettings settings) {
        this.underlying = underlying;
        this.handshake = handshake;
        this.writer = new FrameWriter(underlying, handshake.compression(), handshake.browser());
        this.reader = new FrameReader(underlying, writer, !handshake.noMasking(), handshake.compression(),
                settings.maxMessageSize());
        this.remote = handshake.forwardedFor() != null
                ? new InetSocketAddress(handshake.forwardedFor(), 0)
                : underlying.remoteAddress();
    }

    private WebSocketTransport(Transport underlying, boolean maskWrites, boolean compression, long maxMessageSize) {
        this.underlying = underlying;
        this.handshake = null;
        this.writer = new FrameWriter(underlying, compression, false, maskWrites);
        this.reader = new FrameReader(underlying, writer, false, compression, maxMessageSize);
        this.remote = underlying.remoteAddress();
    }

    /**
     * The client's end of a connection this server dialled and upgraded itself (a leaf node
     * dialling a hub's {@code /leafnode}, see {@link WebSocketDial}): frames from the server are
     * not masked; frames to it are, unless it agreed to {@code Nats-No-Masking}.
     *
     * @param underlying     the TCP or TLS transport the upgrade was sent on
     * @param maskWrites     mask outbound frames
     * @param compression    permessage-deflate was negotiated
     * @param maxMessageSize the largest message accepted from the server
     */
    public static WebSocketTransport dialled(Transport underlying, boolean maskWrites, boolean compression,
                                             long maxMessageSize) {
        return new WebSocketTransport(underlying, maskWrites, compression, maxMessageSize);
    }

    /**
     * Reads NATS bytes from the client's frames.
     *
     * @return bytes read, or -1 when the client closed (its close frame has been echoed)
     * @throws WebSocketProtocolException when the client broke RFC 6455 or sent a message over the
     *                                    cap; the close frame with its code has been sent
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return reader.read(dst);
    }

    /** Sends the bytes as one binary message (several frames for a browser). */
    @Override
    public void write(ByteBuffer[] srcs, int offset, int count) throws IOException {
        writer.writeData(srcs, offset, count);
    }

    /**
     * Sends a close frame with this code and reason (cut to 123 bytes with {@code ...}), then closes
     * the connection. For the server's own reasons: 1008 auth and limits, 1002 protocol errors, 1009
     * max payload, 1001 stale connection and shutdown, 1011 anything else. Call it from the writer
     * thread after the last data (such as the {@code -ERR}), so the write deadline covers it; a data
     * frame still being written after a second means no close frame.
     */
    public void closeWith(int statusCode, String reason) {
        byte[] payload = Frames.closePayload(statusCode, reason);
        try {
            writer.writeClose(payload, payload.length, CLOSE_FRAME_WAIT_NANOS);
        } catch (IOException e) {
            // The client is gone or not reading; closing is all that is left to do.
        } finally {
            underlying.close();
        }
    }

    @Override
    public void close() {
        underlying.close();
    }

    /** A close frame with the code PROTOCOL.md §12 gives the reason, unless the reason calls for silence. */
    @Override
    public void closeGracefully(CloseNotice notice, String text) {
        int code = switch (notice) {
            case NONE -> 0;
            case GOING_AWAY -> Frames.CLOSE_GOING_AWAY;
            case POLICY_VIOLATION -> Frames.CLOSE_POLICY_VIOLATION;
            case PROTOCOL_ERROR -> Frames.CLOSE_PROTOCOL_ERROR;
            case TOO_BIG -> Frames.CLOSE_TOO_BIG;
            case SERVER_ERROR -> Frames.CLOSE_INTERNAL_ERROR;
        };
        if (code == 0) {
            close();
        } else {
            closeWith(code, text);
        }
        // The writer's last act: its deflater is no longer needed.
        writer.release();
    }

    @Override
    public boolean isOpen() {
        return underlying.isOpen();
    }

    /** The X-Forwarded-For address (port 0) when a proxy gave one, else the peer's. */
    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String type() {
        return "websocket";
    }

    @Override
    public TlsDetails tls() {
        return underlying.tls();
    }

    /** What the upgrade negotiated: compression, browser, the path...; null on a dialled connection. */
    public HandshakeResult.Accepted handshake() {
        return handshake;
    }
}
