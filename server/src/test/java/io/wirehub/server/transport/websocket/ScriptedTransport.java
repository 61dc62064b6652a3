package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A transport that hands out fixed input in chunks of a chosen size, then end of stream; keeps what is written. */
final class ScriptedTransport implements Transport {
    private final byte[] input;
    private final int chunk;
    private int position;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean open = true;

    ScriptedTransport(String input, int chunk) {
        this.input = input.getBytes(StandardCharsets.ISO_8859_1);
        this.chunk = chunk;
    }

    /** Total bytes handed out by read so far. */
    int consumed() {
        return position;
    }

    String written() {
        return written.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public int read(ByteBuffer dst) {
        if (position == input.length) {
            return -1;
        }
        int n = Math.min(Math.min(chunk, dst.remaining()), input.length - position);
        dst.put(input, position, n);
        position += n;
        return n;
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            while (srcs[i].hasRemaining()) {
                written.write(srcs[i].get());
            }
        }
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 5555);
    }

    @Override
    public String type() {
        return "nats";
    }
}
