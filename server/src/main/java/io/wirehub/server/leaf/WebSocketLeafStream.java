package io.wirehub.server.leaf;

import io.wirehub.server.transport.Transport;
import io.wirehub.server.transport.websocket.WebSocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A leaf connection carried in WebSocket binary frames (nats-server's {@code /leafnode}): the
 * leaf protocol bytes are those of the frames' payloads. A pump thread reads the frames (it also
 * answers their PINGs and CLOSE) and hands the bytes over through a small queue, so that a read
 * may time out, as a socket's does, without losing what arrives later. Each write is one binary
 * message.
 */
final class WebSocketLeafStream implements LeafStream {
    /** The end of the stream (or its failure, in {@link #failure}). */
    private static final byte[] END = new byte[0];
    private static final int CHUNK = 64 * 1024;

    private final Transport transport;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private final Thread pump;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private volatile IOException failure;
    private volatile int timeoutMillis;
    private volatile boolean closed;

    /** @param transport the upgraded connection: its reads and writes are frames' payloads */
    WebSocketLeafStream(Transport transport) {
        this.transport = transport;
        this.pump = Thread.ofVirtual().name("wirehub-leaf-ws-reader").start(this::pump);
    }

    private void pump() {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (!closed) {
                buffer.clear();
                int n = transport.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    chunks.put(Arrays.copyOf(buffer.array(), n));
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return; // closed
        }
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            // closed while the reader was not reading: nobody waits for the end
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void readTimeout(int millis) {
        timeoutMillis = millis;
    }

    @Override
    public String remoteHost() {
        InetSocketAddress address = transport.remoteAddress();
        return address == null || address.getAddress() == null ? "" : address.getAddress().getHostAddress();
    }

    @Override
    public int remotePort() {
        InetSocketAddress address = transport.remoteAddress();
        return address == null ? 0 : address.getPort();
    }

    @Override
    public Socket socket() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
        pump.interrupt();
    }

    /**
     * A close frame first, as nats-server's closeConnection sends one on every WebSocket
     * (wsEnqueueCloseMessage), with its status and its name for the reason; none when the
     * connection failed or went stale (nothing more can be written, or nobody reads).
     */
    @Override
    public void close(String reason) {
        CloseFrame frame = closeFrame(reason);
        if (frame != null && !closed && transport instanceof WebSocketTransport ws) {
            closed = true;
            ws.closeWith(frame.code(), frame.reason());
            pump.interrupt();
            return;
        }
        close();
    }

    /** A close frame's status and reason. */
    record CloseFrame(int code, String reason) {
    }

    /**
     * nats-server's close frame for a close reason (wsEnqueueCloseMessage with the ClosedState's
     * name); null for no close frame.
     */
    static CloseFrame closeFrame(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.startsWith("Permissions Violation") || reason.equals("Loop Detected")) {
            return new CloseFrame(1002, "Protocol Violation");
        }
        return switch (reason) {
            case "Client Closed" -> new CloseFrame(1000, reason);
            case "Server Shutdown" -> new CloseFrame(1001, reason);
            case "Authorization Violation", "Authentication Failure" -> new CloseFrame(1008, "Authentication Failure");
            case "Authentication Timeout", "Slow Consumer (Pending Bytes)", "Slow Consumer (Write Deadline)",
                 "Maximum Control Line Exceeded" -> new CloseFrame(1008, reason);
            case "Maximum Payload Violation" -> new CloseFrame(1009, "Maximum Message Payload Exceeded");
            case "Unknown Protocol Operation" -> new CloseFrame(1002, "Parse Error");
            case "attempted to connect to leaf node port" -> new CloseFrame(1011, "Incorrect Port");
            // nats-server sends 1006 here, a code RFC 6455 keeps off the wire: no frame instead.
            case "Stale Connection", "Stale Leaf Node Connection", "Write Error", "Read Error" -> null;
            default -> new CloseFrame(1011, reason);
        };
    }

    /** The reader thread's side of the queue. */
    private final class Input extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return endOfStream();
                }
                byte[] next;
                try {
                    int timeout = timeoutMillis;
                    next = timeout > 0 ? chunks.poll(timeout, TimeUnit.MILLISECONDS) : chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
                if (next == null) {
                    throw new SocketTimeoutException("Read timed out");
                }
                if (next == END) {
                    ended = true;
                    continue;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        private int endOfStream() throws IOException {
            IOException failed = failure;
            if (failed != null) {
                throw failed;
            }
            return -1;
        }

        @Override
        public int available() {
            return current.length - position + (chunks.isEmpty() ? 0 : 1);
        }
    }

    /** One binary message per write. */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            transport.write(new ByteBuffer[] {ByteBuffer.wrap(b, off, len)}, 0, 1);
        }
    }

    /**
     * A blocking socket as a {@link Transport}, for the frames of a WebSocket this server dialled
     * (over TLS for wss): the frame reader and writer work on transports.
     */
    static final class SocketTransport implements Transport {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketTransport(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (dst.hasArray()) {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            byte[] bytes = new byte[dst.remaining()];
            int n = in.read(bytes);
            if (n > 0) {
                dst.put(bytes, 0, n);
            }
            return n;
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int count) throws IOException {
            for (int i = offset; i < offset + count; i++) {
                ByteBuffer src = srcs[i];
                if (src.hasArray()) {
                    out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
                    src.position(src.limit());
                } else {
                    byte[] bytes = new byte[src.remaining()];
                    src.get(bytes);
                    out.write(bytes);
                }
            }
            out.flush();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return socket.getRemoteSocketAddress() instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
        }

        @Override
        public String type() {
            return "nats";
        }
    }
}
