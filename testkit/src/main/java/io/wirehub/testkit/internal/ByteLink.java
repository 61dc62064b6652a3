package io.wirehub.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** The bytes under a {@link RawClient}: a TCP socket, or a socket channel (Unix domain). */
interface ByteLink {
    /**
     * Reads what is available, waiting up to {@code timeoutMillis}.
     *
     * @return bytes read, -1 at end of stream
     * @throws SocketTimeoutException when nothing arrived in time
     */
    int read(byte[] into, long timeoutMillis) throws IOException;

    void write(byte[] bytes) throws IOException;

    void close();

    static ByteLink of(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new ByteLink() {
            @Override
            public int read(byte[] into, long timeoutMillis) throws IOException {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
                return in.read(into);
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                out.write(bytes);
                out.flush();
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Nothing to release beyond the socket itself.
                }
            }
        };
    }

    /** A channel read through a selector, since channels have no read timeout of their own. */
    static ByteLink of(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        return new ByteLink() {
            @Override
            public int read(byte[] into, long timeoutMillis) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(into);
                int n = channel.read(buffer);
                if (n == 0) {
                    selector.select(timeoutMillis);
                    selector.selectedKeys().clear();
                    n = channel.read(buffer);
                }
                if (n == 0) {
                    throw new SocketTimeoutException("nothing within " + timeoutMillis + " ms");
                }
                return n;
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }

            @Override
            public void close() {
                try {
                    selector.close();
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing more to release.
                }
            }
        };
    }
}
