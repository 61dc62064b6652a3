package io.wirehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * A minimal NATS client connection for the raw loads: it speaks the protocol by hand, writes what
 * it is given in one write, and leaves reading to its user, so the client costs almost nothing and
 * the server is what gets measured. TCP, TLS (INFO first, then the handshake, as NATS does) and
 * the Unix socket, and WebSocket (unmasked binary frames, see {@link WebSocketFrames}).
 */
final class RawConnection implements AutoCloseable {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

    private final AutoCloseable resource;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(AutoCloseable resource, InputStream in, OutputStream out) {
        this.resource = resource;
        this.in = in;
        this.out = out;
    }

    /** Connects, reads INFO, sends CONNECT plus {@code extra}, and returns once the PONG arrived. */
    static RawConnection open(BenchServer server, BenchTransport transport, String extra) throws IOException {
        RawConnection connection = switch (transport) {
            case TCP -> tcp(server.port());
            case TLS -> tls(server);
            case UNIX -> unix(server);
            case WEBSOCKET -> websocket(server);
        };
        try {
            if (transport != BenchTransport.TLS) {
                readUntil(connection.in, "\r\n");
            }
            connection.write(("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n" + extra + "PING\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            readUntil(connection.in, "PONG\r\n");
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static RawConnection open(BenchServer server, String extra) throws IOException {
        return open(server, BenchTransport.TCP, extra);
    }

    /** Whether the raw client can reach the server over this transport. */
    static boolean reaches(BenchServer server, BenchTransport transport) {
        return switch (transport) {
            case TCP -> true;
            case TLS -> server.endpoints() != null;
            case UNIX -> server.endpoints() != null && server.endpoints().unixSocket() != null;
            case WEBSOCKET -> server.endpoints() != null;
        };
    }

    private static RawConnection tcp(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        return new RawConnection(socket, socket.getInputStream(), socket.getOutputStream());
    }

    /** NATS TLS: the server's INFO comes in the clear, then the client starts the handshake. */
    private static RawConnection tls(BenchServer server) throws IOException {
        Socket plain = new Socket("127.0.0.1", server.port());
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(60_000);
        try {
            readUntil(plain.getInputStream(), "\r\n");
            SSLSocket socket = (SSLSocket) server.endpoints().clientTls().getSocketFactory()
                    .createSocket(plain, "localhost", server.port(), true);
            socket.startHandshake();
            return new RawConnection(socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The HTTP upgrade, asking to send unmasked frames; then NATS inside binary frames. */
    private static RawConnection websocket(BenchServer server) throws IOException {
        int port = server.endpoints().websocketPort();
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        try {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nNats-No-Masking: true\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Byte by byte: the server's first frame (INFO) follows the response at once.
            StringBuilder response = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (response.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0 || response.length() > 8192) {
                    throw new IOException("WebSocket upgrade failed: " + response);
                }
                response.append((char) b);
            }
            if (!response.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket upgrade refused: " + response.toString().lines().findFirst().orElse(""));
            }
            return new RawConnection(socket, WebSocketFrames.input(in), WebSocketFrames.output(socket.getOutputStream()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static RawConnection unix(BenchServer server) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(server.endpoints().unixSocket()));
        return new RawConnection(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
    }

    InputStream in() {
        return in;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /**
     * Sends PING and reads until the PONG: the server has handled everything sent before. Only
     * for a connection that receives no messages (anything else read is skipped over).
     */
    void ping() throws IOException {
        write(PING);
        readUntil(in, "PONG\r\n");
    }

    /**
     * Reads until {@code end} was seen. It reads whole chunks, so it is only for moments when the
     * server sends nothing after {@code end} until the client acts (INFO, PONG of a handshake or a
     * sync on a connection without subscriptions).
     */
    static void readUntil(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] chunk = new byte[4096];
        while (seen.indexOf(end) < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed while waiting for " + end.trim() + ": " + seen);
            }
            seen.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
            if (seen.indexOf("-ERR") >= 0) {
                throw new IOException("server said: " + seen.substring(seen.indexOf("-ERR")).trim());
            }
            if (seen.length() > 64 * 1024) {
                seen.delete(0, seen.length() - end.length());
            }
        }
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing after a benchmark: nothing to do about a failure
        }
    }
}
