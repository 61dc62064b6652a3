package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encodes what the server sends as RFC 6455 frames: NATS bytes as unmasked binary frames, one
 * frame per write (at most 4096 payload bytes per frame for browsers, as nats-server), compressed
 * when negotiated and worth it; and the control frames the reader answers with.
 *
 * <p>Threading: the connection's writer thread calls {@link #writeData}; the reader thread writes
 * PONG and CLOSE frames. {@link #lock} is held for every write to the transport, so a control
 * frame never lands inside a data frame.
 */
final class FrameWriter {
    static final int BROWSER_FRAME_SIZE = 4096;
    /** nats-server does not compress buffers this small: the frame would not get shorter. */
    static final int COMPRESSION_THRESHOLD = 64;

    private final Transport out;
    private final boolean browser;
    /**
     * Whether frames are masked: this end is the client (a leaf node dialling a hub's
     * {@code /leafnode}) and the server did not agree to {@code Nats-No-Masking}.
     */
    private final boolean mask;
    /** Null when compression was not negotiated. Writer thread only. */
    private final MessageDeflater deflater;

    /** Held while writing to {@link #out}; guards {@link #closeSent}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** After a close frame, nothing more may be sent (RFC 6455 §5.5.1). Guarded by {@link #lock}. */
    private boolean closeSent;

    /** The header and source buffers of one gathering write; writer thread only, reused. */
    private ByteBuffer[] gather = new ByteBuffer[8];
    private final ByteBuffer dataHeader = ByteBuffer.allocate(Frames.MAX_HEADER);

    FrameWriter(Transport out, boolean compression, boolean browser) {
        this(out, compression, browser, false);
    }

    /** @param mask mask every frame, as a client must (RFC 6455 §5.3) */
    FrameWriter(Transport out, boolean compression, boolean browser, boolean mask) {
        this.out = out;
        this.browser = browser;
        this.mask = mask;
        this.deflater = compression ? new MessageDeflater() : null;
    }

    /** Writer thread only: set once the writer is done and the deflater freed. */
    private boolean released;

    /** Frees the deflater's native memory; called on the writer thread after its last write. */
    void release() {
        released = true;
        if (deflater != null) {
            deflater.end();
        }
    }

    /** Sends every remaining byte of {@code srcs[offset, offset + count)} as one message. */
    void writeData(ByteBuffer[] srcs, int offset, int count) throws IOException {
        if (released) {
            throw new java.nio.channels.ClosedChannelException();
        }
        long total = 0;
        for (int i = offset; i < offset + count; i++) {
            total += srcs[i].remaining();
        }
        if (total == 0) {
            return;
        }
        if (deflater != null && total > COMPRESSION_THRESHOLD) {
            ByteBuffer payload = deflater.compress(srcs, offset, count);
            writeMessage(new ByteBuffer[] {payload}, 0, 1, payload.remaining(), true);
        } else {
            writeMessage(srcs, offset, count, total, false);
        }
    }

    private void writeMessage(ByteBuffer[] srcs, int offset, int count, long total, boolean compressed)
            throws IOException {
        if (mask) {
            ByteBuffer frame = maskedFrame(Frames.BINARY, compressed, srcs, offset, count, (int) total);
            writeLocked(new ByteBuffer[] {frame}, 1);
            return;
        }
        if (browser && total > BROWSER_FRAME_SIZE) {
            writeFragments(srcs, offset, count, total, compressed);
            return;
        }
        if (gather.length < count + 1) {
            gather = new ByteBuffer[Math.max(count + 1, gather.length * 2)];
        }
        dataHeader.clear();
        Frames.putHeader(dataHeader, Frames.BINARY, compressed, total);
        gather[0] = dataHeader.flip();
        System.arraycopy(srcs, offset, gather, 1, count);
        try {
            writeLocked(gather, count + 1);
        } finally {
            Arrays.fill(gather, 0, count + 1, null);
        }
    }

    /**
     * One message as frames of at most 4096 payload bytes, in one gathering write: the first a
     * binary frame (RSV1 when compressed), the rest continuations, the last with FIN.
     */
    private void writeFragments(ByteBuffer[] srcs, int offset, int count, long total, boolean compressed)
            throws IOException {
        int frames = (int) ((total + BROWSER_FRAME_SIZE - 1) / BROWSER_FRAME_SIZE);
        ByteBuffer headers = ByteBuffer.allocate(frames * 4);
        ByteBuffer[] parts = new ByteBuffer[frames + count + frames];
        int used = 0;
        int source = offset;
        long left = total;
        for (int frame = 0; frame < frames; frame++) {
            int size = (int) Math.min(BROWSER_FRAME_SIZE, left);
            left -= size;
            int start = headers.position();
            boolean first = frame == 0;
            headers.put((byte) ((left == 0 ? Frames.FIN : 0) | (first && compressed ? Frames.RSV1 : 0)
                    | (first ? Frames.BINARY : Frames.CONTINUATION)));
            if (size < 126) {
                headers.put((byte) size);
            } else {
                headers.put((byte) 126).putShort((short) size);
            }
            parts[used++] = headers.slice(start, headers.position() - start);
            while (size > 0) {
                ByteBuffer src = srcs[source];
                int take = Math.min(size, src.remaining());
                parts[used++] = src.slice(src.position(), take);
                src.position(src.position() + take);
                size -= take;
                if (!src.hasRemaining()) {
                    source++;
                }
            }
            while (source < offset + count && !srcs[source].hasRemaining()) {
                source++;
            }
        }
        writeLocked(parts, used);
    }

    /** Answers a PING, unless a close frame went out already. Reader thread. */
    void writePong(byte[] payload, int length) throws IOException {
        lock.lock();
        try {
            if (!closeSent) {
                out.write(new ByteBuffer[] {controlFrame(Frames.PONG, payload, length)}, 0, 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a close frame with this exact payload (empty, or a code and a reason), unless one was
     * already sent. Waits at most {@code waitNanos} for a data frame in progress; gives up (false)
     * after that.
     */
    boolean writeClose(byte[] payload, int length, long waitNanos) throws IOException {
        boolean locked;
        try {
            locked = lock.tryLock(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!locked) {
            return false;
        }
        try {
            if (closeSent) {
                return false;
            }
            closeSent = true;
            out.write(new ByteBuffer[] {controlFrame(Frames.CLOSE, payload, length)}, 0, 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One whole masked frame: the header with the mask bit and a random key, then the payload
     * copied and masked (the sources are consumed; they are never changed in place).
     */
    private static ByteBuffer maskedFrame(int opcode, boolean rsv1, ByteBuffer[] srcs, int offset, int count,
                                          int length) {
        ByteBuffer frame = ByteBuffer.allocate(Frames.MAX_HEADER + length);
        Frames.putHeader(frame, opcode, rsv1, length);
        frame.put(1, (byte) (frame.get(1) | Frames.MASK));
        byte[] key = new byte[4];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(key);
        frame.put(key);
        int start = frame.position();
        for (int i = offset; i < offset + count; i++) {
            frame.put(srcs[i]);
        }
        byte[] bytes = frame.array();
        for (int i = 0; i < length; i++) {
            bytes[start + i] ^= key[i & 3];
        }
        return frame.flip();
    }

    private ByteBuffer controlFrame(int opcode, byte[] payload, int length) {
        if (mask) {
            return maskedFrame(opcode, false, new ByteBuffer[] {ByteBuffer.wrap(payload, 0, length)}, 0, 1, length);
        }
        ByteBuffer frame = ByteBuffer.allocate(2 + length);
        Frames.putHeader(frame, opcode, false, length);
        frame.put(payload, 0, length);
        return frame.flip();
    }

    private void writeLocked(ByteBuffer[] buffers, int count) throws IOException {
        lock.lock();
        try {
            if (closeSent) {
                // The close handshake has begun: the peer will not read data any more. Dropping it
                // lets the connection close for the reason that started the close, not a write error.
                for (int i = 0; i < count; i++) {
                    buffers[i].position(buffers[i].limit());
                }
                return;
            }
            out.write(buffers, 0, count);
        } finally {
            lock.unlock();
        }
    }
}
