package io.wirehub.server.transport.websocket;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one permessage-deflate message at a time, straight into the caller's buffer, and stops
 * the moment the message passes the size cap: a deflate bomb costs at most {@code maxMessageSize}
 * bytes of output and never a buffer of that size (ATTACKS 7). The client was told
 * {@code client_no_context_takeover}, so each message starts from a reset state.
 *
 * <p>Reader thread only. The input array handed to {@link #setInput} must stay untouched until
 * {@link #needsInput()} says it has been consumed.
 */
final class MessageInflater {
    /** The empty stored block the sender stripped from the end of every message (RFC 7692 §7.2.2). */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private final long maxMessageSize;
    /** Inflated bytes of the current message. */
    private long produced;
    private boolean tailGiven;

    MessageInflater(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Frees the native state; the inflater is not used afterwards. Idempotent. */
    void end() {
        inflater.end();
    }

    /** Forgets the previous message. */
    void startMessage() {
        inflater.reset();
        produced = 0;
        tailGiven = false;
    }

    /** True when all input given so far is consumed (or the stream ended): give more, or finish. */
    boolean needsInput() {
        return inflater.needsInput() || inflater.finished();
    }

    void setInput(byte[] bytes, int offset, int length) {
        if (!inflater.finished()) {
            // After a final block the rest of the message is ignored, as zlib-based peers do.
            inflater.setInput(bytes, offset, length);
        }
    }

    /** The message's last frame has been given: adds back the stripped tail. */
    void endOfMessage() {
        tailGiven = true;
        if (!inflater.finished()) {
            inflater.setInput(TAIL);
        }
    }

    /** Whether the whole message has been inflated: its end was given and nothing is left. */
    boolean messageDone() {
        return tailGiven && needsInput();
    }

    /**
     * Inflates into {@code dst}.
     *
     * @return bytes produced; 0 when more input is needed
     * @throws WebSocketProtocolException 1009 when the message grows past the cap, 1007 when the
     *                                    data is not DEFLATE
     */
    int inflate(ByteBuffer dst) throws WebSocketProtocolException {
        int total = 0;
        while (total == 0 && !needsInput() && dst.hasRemaining()) {
            // One byte past the cap is enough to know the message is too big; no more is made.
            int window = (int) Math.min(dst.remaining(), maxMessageSize - produced + 1);
            int limit = dst.limit();
            dst.limit(dst.position() + window);
            int n;
            try {
                n = inflater.inflate(dst);
            } catch (DataFormatException e) {
                throw new WebSocketProtocolException(Frames.CLOSE_INVALID_DATA, "invalid compressed data");
            } finally {
                dst.limit(limit);
            }
            produced += n;
            if (produced > maxMessageSize) {
                throw new WebSocketProtocolException(Frames.CLOSE_TOO_BIG, "maximum message size exceeded");
            }
            if (inflater.needsDictionary()) {
                throw new WebSocketProtocolException(Frames.CLOSE_INVALID_DATA, "invalid compressed data");
            }
            total += n;
        }
        return total;
    }
}
