package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the frames a client sends into the NATS byte stream (RFC 6455 §5, PROTOCOL.md §12).
 * NATS does not care where frames begin or end, so uncompressed payload goes to the caller as it
 * arrives; compressed messages are inflated into the caller's buffer under the size cap. Control
 * frames are answered on the way: PING with PONG, CLOSE with its echo and the end of the stream.
 *
 * <p>Memory: one fixed input buffer and one control payload array per connection, whatever the
 * frames and fragments (ATTACKS 6-8). Reader thread only.
 */
final class FrameReader {
    private static final int BUFFER_SIZE = 16 * 1024;

    private final Transport in;
    private final FrameWriter writer;
    private final boolean requireMask;
    private final long maxMessageSize;
    /** Null when compression was not negotiated. */
    private final MessageInflater inflater;

    /** Bytes read from the transport and not yet decoded, in read mode. Heap: it is unmasked in place. */
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final byte[] control = new byte[Frames.MAX_CONTROL_PAYLOAD];

    /** The current frame: payload bytes not yet consumed, its mask and where in the mask we are. */
    private long payloadLeft;
    private boolean finalFrame;
    private boolean masked;
    private final byte[] mask = new byte[4];
    private int maskIndex;

    /** A data message's first frame has come and its final frame has not. */
    private boolean messageOpen;
    /** The message being read (frames or inflation still going) was compressed. */
    private boolean inflating;
    /** Payload bytes of the current uncompressed message, over all its fragments. */
    private long messageBytes;

    /** Set when the client's close was echoed: the stream has ended. */
    private boolean ended;
    /** Set when the client broke the protocol; every later read throws it again. */
    private IOException failure;

    FrameReader(Transport in, FrameWriter writer, boolean requireMask, boolean compression, long maxMessageSize) {
        this.in = in;
        this.writer = writer;
        this.requireMask = requireMask;
        this.maxMessageSize = maxMessageSize;
        this.inflater = compression ? new MessageInflater(maxMessageSize) : null;
    }

    /**
     * Reads NATS bytes into {@code dst}, blocking until at least one is there.
     *
     * @return bytes read, or -1 when the client closed (with a close frame or not)
     * @throws WebSocketProtocolException when the client broke the protocol; the close frame has
     *                                    been sent
     */
    int read(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            int n = decode(dst);
            if (n < 0) {
                ended = true;
                releaseInflater();
            }
            return n;
        } catch (WebSocketProtocolException e) {
            failure = e;
            releaseInflater();
            byte[] close = Frames.closePayload(e.statusCode(), e.getMessage());
            try {
                writer.writeClose(close, close.length, Long.MAX_VALUE);
            } catch (IOException writeFailed) {
                // The client may be gone already; what it broke is still the reason to report.
                e.addSuppressed(writeFailed);
            }
            throw e;
        } catch (IOException e) {
            // The socket failed or was closed: no more reads will succeed.
            failure = e;
            releaseInflater();
            throw e;
        }
    }

    /**
     * Frees the inflater's native memory now rather than whenever a GC runs its cleaner: a churn
     * of compressed connections must not pile up zlib state. Reader thread only, once reading is over.
     */
    private void releaseInflater() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private int decode(ByteBuffer dst) throws IOException {
        while (true) {
            if (inflating) {
                int n = inflateSome(dst);
                if (n != 0) {
                    return n;
                }
            } else if (payloadLeft > 0) {
                return copyPayload(dst);
            }
            // The frame is used up: on to the next (a continuation, a control frame, a new message).
            if (!nextFrame()) {
                return -1;
            }
        }
    }

    /** Uncompressed payload, unmasked in the input buffer and copied to the caller. */
    private int copyPayload(ByteBuffer dst) throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int count = (int) Math.min(Math.min(dst.remaining(), buffer.remaining()), payloadLeft);
        unmask(buffer.array(), buffer.position(), count);
        dst.put(buffer.array(), buffer.position(), count);
        buffer.position(buffer.position() + count);
        payloadLeft -= count;
        return count;
    }

    /**
     * Feeds compressed payload to the inflater and returns what it makes; 0 when this frame is
     * used up and the message continues in another frame, or the message is done.
     */
    private int inflateSome(ByteBuffer dst) throws IOException {
        while (true) {
            int n = inflater.inflate(dst);
            if (n > 0) {
                return n;
            }
            // The inflater has consumed everything it was given (the input buffer may be reused).
            if (payloadLeft > 0) {
                if (!buffer.hasRemaining() && !fill()) {
                    return -1;
                }
                int count = (int) Math.min(buffer.remaining(), payloadLeft);
                unmask(buffer.array(), buffer.position(), count);
                inflater.setInput(buffer.array(), buffer.position(), count);
                buffer.position(buffer.position() + count);
                payloadLeft -= count;
            } else if (!finalFrame) {
                return 0;
            } else if (!inflater.messageDone()) {
                inflater.endOfMessage();
            } else {
                inflating = false;
                return 0;
            }
        }
    }

    /**
     * Reads the next frame header; answers control frames entirely. Returns false at the end of the
     * stream: the client closed its side, or sent a close frame (then echoed).
     */
    private boolean nextFrame() throws IOException {
        while (true) {
            if (!ensure(2)) {
                return false;
            }
            int first = buffer.get(buffer.position()) & 0xFF;
            int second = buffer.get(buffer.position() + 1) & 0xFF;
            int opcode = first & 0x0F;
            boolean fin = (first & Frames.FIN) != 0;
            boolean compressed = checkFrame(first, second, opcode, fin);
            int shortLength = second & 0x7F;
            int headerLength = 2 + (shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0) + (masked ? 4 : 0);
            if (!ensure(headerLength)) {
                return false;
            }
            buffer.position(buffer.position() + 2);
            long length = shortLength;
            if (shortLength == 126) {
                length = buffer.getShort() & 0xFFFF;
            } else if (shortLength == 127) {
                length = buffer.getLong();
                if (length < 0) {
                    // The top bit must be 0 (RFC 6455 §5.2); read as signed it is a negative size (ATTACKS 6).
                    throw new WebSocketProtocolException(Frames.CLOSE_PROTOCOL_ERROR, "invalid frame length");
                }
            }
            if (masked) {
                buffer.get(mask);
            }
            maskIndex = 0;
            if (opcode >= Frames.CLOSE) {
                if (!controlFrame(opcode, (int) length)) {
                    return false;
                }
                continue;
            }
            startData(opcode, fin, compressed, length);
            return true;
        }
    }

    /** Checks the first two header bytes; returns whether the frame starts a compressed message. */
    private boolean checkFrame(int first, int second, int opcode, boolean fin) throws WebSocketProtocolException {
        masked = (second & Frames.MASK) != 0;
        if (requireMask && !masked) {
            throw protocolError("mask bit missing");
        }
        boolean rsv1 = (first & Frames.RSV1) != 0;
        if ((first & Frames.RSV2_RSV3) != 0) {
            throw protocolError("reserved bits set");
        }
        switch (opcode) {
            case Frames.CLOSE, Frames.PING, Frames.PONG -> {
                if ((second & 0x7F) > Frames.MAX_CONTROL_PAYLOAD) {
                    throw protocolError("control frame length bigger than maximum allowed of 125 bytes");
                }
                if (!fin) {
                    throw protocolError("control frame does not have final bit set");
                }
                if (rsv1) {
                    throw protocolError("reserved bits set");
                }
            }
            case Frames.TEXT, Frames.BINARY -> {
                if (messageOpen) {
                    throw protocolError("new message started before final frame for previous message was received");
                }
                if (rsv1 && inflater == null) {
                    throw protocolError("compression bit set but compression was not negotiated");
                }
            }
            case Frames.CONTINUATION -> {
                if (!messageOpen || rsv1) {
                    throw protocolError("invalid continuation frame");
                }
            }
            default -> throw protocolError("unknown opcode " + opcode);
        }
        return rsv1;
    }

    private void startData(int opcode, boolean fin, boolean compressed, long length)
            throws WebSocketProtocolException {
        if (opcode != Frames.CONTINUATION) {
            messageBytes = 0;
            inflating = compressed;
            if (compressed) {
                inflater.startMessage();
            }
        }
        if (!inflating) {
            // Counted over every fragment, before any of this one is passed on (ATTACKS 8).
            messageBytes += length;
            if (messageBytes > maxMessageSize) {
                throw new WebSocketProtocolException(Frames.CLOSE_TOO_BIG, "maximum message size exceeded");
            }
        }
        messageOpen = !fin;
        finalFrame = fin;
        payloadLeft = length;
    }

    /** Handles a whole control frame; false when it was a close (echoed: the stream ends). */
    private boolean controlFrame(int opcode, int length) throws IOException {
        if (!ensure(length)) {
            return false;
        }
        buffer.get(control, 0, length);
        unmask(control, 0, length);
        switch (opcode) {
            case Frames.PING -> writer.writePong(control, length);
            case Frames.CLOSE -> {
                checkClose(length);
                // Echo the client's code and reason, as nats-server; an empty close gets an empty one.
                writer.writeClose(control, length, Long.MAX_VALUE);
                return false;
            }
            default -> {
                // PONG: the server never pings at the WebSocket level, so there is nothing to match.
            }
        }
        return true;
    }

    private void checkClose(int length) throws WebSocketProtocolException {
        if (length == 0) {
            return;
        }
        if (length == 1) {
            throw protocolError("close frame payload of 1 byte");
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!Frames.isValidReceivedCloseCode(code)) {
            throw protocolError("invalid close code " + code);
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(control, 2, length - 2));
        } catch (CharacterCodingException e) {
            throw new WebSocketProtocolException(Frames.CLOSE_INVALID_DATA, "invalid utf8 body in close frame");
        }
    }

    private void unmask(byte[] bytes, int offset, int length) {
        if (!masked) {
            return;
        }
        int index = maskIndex;
        for (int i = offset; i < offset + length; i++) {
            bytes[i] ^= mask[index];
            index = (index + 1) & 3;
        }
        maskIndex = index;
    }

    /** Reads until {@code count} (at most {@link #BUFFER_SIZE}) bytes are buffered; false at end of stream. */
    private boolean ensure(int count) throws IOException {
        while (buffer.remaining() < count) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        buffer.compact();
        try {
            return in.read(buffer) >= 0;
        } finally {
            buffer.flip();
        }
    }

    private static WebSocketProtocolException protocolError(String message) {
        return new WebSocketProtocolException(Frames.CLOSE_PROTOCOL_ERROR, message);
    }
}
