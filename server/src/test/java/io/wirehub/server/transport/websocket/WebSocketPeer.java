package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.TcpTransport;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback connection for the tests: the server side as a {@link TcpTransport}, the client side
 * a plain socket that writes raw frames and reads the server's frames.
 */
final class WebSocketPeer implements AutoCloseable {
    /** A frame as the server sent it. */
    record Frame(int first, byte[] payload) {
        int opcode() {
            return first & 0x0F;
        }

        boolean fin() {
            return (first & 0x80) != 0;
        }

        boolean rsv1() {
            return (first & 0x40) != 0;
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final TcpTransport server;
    final Socket client;
    private final OutputStream out;
    private final DataInputStream in;

    WebSocketPeer() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = new Socket();
            client.connect(listener.getLocalAddress());
            SocketChannel accepted = listener.accept();
            server = new TcpTransport(accepted);
        }
        // No test waits on the network for long: a missing frame fails instead of hanging.
        client.setSoTimeout(10_000);
        out = client.getOutputStream();
        in = new DataInputStream(client.getInputStream());
    }

    /** A WebSocketTransport over the server side, as if the handshake had negotiated these. */
    WebSocketTransport transport(boolean compression, boolean noMasking, boolean browser, long maxMessageSize) {
        HandshakeResult.Accepted accepted =
                new HandshakeResult.Accepted(new byte[0], compression, noMasking, browser, null, "/");
        return new WebSocketTransport(server, accepted, WebSocketSettings.defaults(maxMessageSize));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A masked frame with the given first byte (FIN, RSV, opcode). */
    static byte[] frame(int first, byte[] payload) {
        return frame(first, payload, true);
    }

    static byte[] frame(int first, String payload) {
        return frame(first, payload.getBytes(StandardCharsets.UTF_8), true);
    }

    static byte[] frame(int first, byte[] payload, boolean masked) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
        frame.put((byte) first);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Reads one frame the server sent; server frames must not be masked. */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new AssertionError("server frame is masked");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first, payload);
    }

    /** Everything the server sends until it closes the connection. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        server.close();
        client.close();
    }
}
