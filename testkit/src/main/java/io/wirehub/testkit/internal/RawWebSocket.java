package io.wirehub.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client that sends exactly the bytes a test asks for (any header, any frame,
 * however broken) and reads the server's answers frame by frame: for the RFC 6455 negative suite,
 * where a real client library would refuse to misbehave.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int OP_CONTINUATION = 0x0;
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** NATS bytes from data frames not yet returned as lines. */
    private final ByteArrayOutputStream natsBytes = new ByteArrayOutputStream();

    /** A frame from the server. */
    public record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The server's answer to an upgrade request: status and headers (names lower-cased), body unread. */
    public record HttpAnswer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) TIMEOUT.toMillis());
    }

    /** A TCP connection to the WebSocket port, nothing sent yet. */
    public static RawWebSocket open(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            return new RawWebSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("connecting to " + host + ":" + port, e);
        }
    }

    /** Opens and upgrades with a well-formed request plus {@code extraHeaders}; asserts the 101. */
    public static RawWebSocket connect(String host, int port, String... extraHeaders) {
        RawWebSocket ws = open(host, port);
        HttpAnswer answer = ws.upgrade(standardRequest(host + ":" + port, extraHeaders));
        if (answer.status() != 101) {
            throw new AssertionError("upgrade refused: " + answer);
        }
        return ws;
    }

    /** A valid upgrade request for {@code host}, with extra header lines ("Name: value"). */
    public static String standardRequest(String host, String... extraHeaders) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends a request exactly as given and reads the response head (and a short body, if any). */
    public HttpAnswer upgrade(String request) {
        send(request.getBytes(StandardCharsets.ISO_8859_1));
        return readHttpAnswer();
    }

    private HttpAnswer readHttpAnswer() {
        try {
            String statusLine = readHttpLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.1")) {
                throw new AssertionError("not an HTTP status line: " + statusLine);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readHttpLine(); !line.isEmpty(); line = readHttpLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String body = "";
            String length = headers.get("content-length");
            if (length != null) {
                byte[] bytes = new byte[Integer.parseInt(length)];
                in.readFully(bytes);
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            return new HttpAnswer(Integer.parseInt(parts[1]), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the HTTP answer", e);
        }
    }

    private String readHttpLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the HTTP answer after: " + line);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    public RawWebSocket send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + bytes.length + " bytes", e);
        }
        return this;
    }

    /** A masked binary frame holding {@code text}: how a well-behaved client sends NATS ops. */
    public RawWebSocket sendNats(String text) {
        return sendFrame(true, 0, OP_BINARY, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame; {@code rsv} is the RSV1-3 bits (0x40, 0x20, 0x10) to set. */
    public RawWebSocket sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        return send(frame(fin, rsv, opcode, masked, payload, payload.length));
    }

    /** The bytes of one frame, with a length field that may lie (for the length attacks). */
    public static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long declaredLength) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | rsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (declaredLength < 126 && declaredLength >= 0) {
            frame.write(maskBit | (int) declaredLength);
        } else if (declaredLength <= 0xffff && declaredLength >= 0) {
            frame.write(maskBit | 126);
            frame.write((int) (declaredLength >> 8));
            frame.write((int) declaredLength);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (declaredLength >>> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            RANDOM.nextBytes(key);
            frame.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return frame.toByteArray();
    }

    /** The next frame from the server. */
    public Frame readFrame() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            if ((second & 0x80) != 0) {
                throw new AssertionError("the server masked a frame (RFC 6455 §5.1 forbids it)");
            }
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new Frame((first & 0x80) != 0, (first & 0x40) != 0, first & 0x0f, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a frame", e);
        }
    }

    /** The next NATS line (CRLF removed) from the server's data frames, asserting they are binary. */
    public String readNatsLine() {
        while (true) {
            byte[] buffered = natsBytes.toByteArray();
            for (int i = 1; i < buffered.length; i++) {
                if (buffered[i - 1] == '\r' && buffered[i] == '\n') {
                    natsBytes.reset();
                    natsBytes.write(buffered, i + 1, buffered.length - i - 1);
                    return new String(buffered, 0, i - 1, StandardCharsets.ISO_8859_1);
                }
            }
            Frame frame = readFrame();
            if (frame.opcode() != OP_BINARY && frame.opcode() != OP_CONTINUATION) {
                throw new AssertionError("expected a binary data frame, got opcode " + frame.opcode()
                        + (frame.opcode() == OP_CLOSE ? " (close " + frame.closeCode() + " " + frame.closeReason() + ")"
                        : ""));
            }
            natsBytes.writeBytes(frame.payload());
        }
    }

    /**
     * Reads until the server's close frame, skipping data frames; then asserts the server closes
     * the TCP connection.
     *
     * @return the close frame
     */
    public Frame expectClose() {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == OP_CLOSE) {
                expectEndOfStream();
                return frame;
            }
        }
    }

    /** Asserts the server closes the connection (nothing more than it already sent). */
    public void expectEndOfStream() {
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (in.read() < 0) {
                    return;
                }
            }
            throw new AssertionError("the server kept the connection open");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + TIMEOUT);
        } catch (IOException e) {
            // A reset also closes it.
        }
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
