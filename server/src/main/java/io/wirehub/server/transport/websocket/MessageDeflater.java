package io.wirehub.server.transport.websocket;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses one outbound message for permessage-deflate with no context takeover (RFC 7692):
 * raw DEFLATE, a fresh state per message, ended with a sync flush whose {@code 00 00 ff ff} is
 * removed. Writer thread only; {@link #end()} frees the native state once the writer is done.
 */
final class MessageDeflater {
    /** Output buffers up to this size are kept between messages; bigger ones are dropped after use. */
    private static final int RETAINED_OUTPUT = 64 * 1024;

    // BEST_SPEED, as nats-server: compression is for bandwidth, not worth CPU on a busy server.
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private ByteBuffer output = ByteBuffer.allocate(4096);

    /**
     * Compresses every remaining byte of {@code srcs[offset, offset + count)}, consuming them.
     *
     * @return the compressed payload, valid until the next call
     */
    ByteBuffer compress(ByteBuffer[] srcs, int offset, int count) {
        if (output.capacity() > RETAINED_OUTPUT) {
            output = ByteBuffer.allocate(RETAINED_OUTPUT);
        }
        output.clear();
        deflater.reset();
        for (int i = offset; i < offset + count; i++) {
            deflater.setInput(srcs[i]);
            while (!deflater.needsInput()) {
                ensureRoom();
                deflater.deflate(output, Deflater.NO_FLUSH);
            }
        }
        do {
            // A sync flush that fills the output has more to give: call again with more room.
            ensureRoom();
            deflater.deflate(output, Deflater.SYNC_FLUSH);
        } while (!output.hasRemaining());
        output.flip();
        // The flush always ends with an empty stored block, 00 00 ff ff: the receiver adds it back.
        output.limit(output.limit() - 4);
        return output;
    }

    /** Frees the native state; no message is compressed afterwards. Idempotent. */
    void end() {
        deflater.end();
    }

    private void ensureRoom() {
        if (output.remaining() < 64) {
            ByteBuffer bigger = ByteBuffer.allocate(output.capacity() * 2);
            output.flip();
            bigger.put(output);
            output = bigger;
        }
    }
}
