package io.wirehub.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain TCP client for protocol-level tests: sends exactly the bytes given and reads what comes
 * back line by line, with a deadline on every wait. Lines are returned without their CRLF; a line
 * ending in a bare LF fails the read, because the server must always send CRLF.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RawClient implements AutoCloseable {
    /** How long {@link #expectLine} and friends wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final ByteLink link;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closedByPeer;

    private RawClient(ByteLink link) {
        this.link = link;
    }

    public static RawClient connect(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) DEFAULT_TIMEOUT.toMillis());
            return new RawClient(ByteLink.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("connecting to " + host + ":" + port, e);
        }
    }

    /**
     * Talks over a socket accepted elsewhere: a test playing a server (a fake leafnode hub)
     * that a Wirehub dials.
     */
    public static RawClient over(Socket accepted) {
        try {
            accepted.setTcpNoDelay(true);
            return new RawClient(ByteLink.of(accepted));
        } catch (IOException e) {
            throw new UncheckedIOException("wrapping an accepted socket", e);
        }
    }

    /** Connects to a Unix domain socket file. */
    public static RawClient connectUnix(java.nio.file.Path socketFile) {
        try {
            return new RawClient(ByteLink.of(java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(socketFile))));
        } catch (IOException e) {
            throw new UncheckedIOException("connecting to " + socketFile, e);
        }
    }

    /** Sends text as ISO-8859-1 bytes, exactly as written (write {@code \r\n} yourself). */
    public RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) {
        try {
            link.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + bytes.length + " bytes", e);
        }
        return this;
    }

    /** Sends in separate writes of {@code chunkSize} bytes, to split ops across TCP segments. */
    public RawClient sendInChunks(String text, int chunkSize) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += chunkSize) {
            send(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize)));
        }
        return this;
    }

    /** Reads INFO, then sends a CONNECT a library would send and waits for the PONG. */
    public RawClient handshake() {
        expectLineStartingWith("INFO {");
        send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,"
                + "\"protocol\":1}\r\nPING\r\n");
        expectLine("PONG");
        return this;
    }

    /** The next line, without its CRLF. */
    public String readLine(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] buffered = pending.toByteArray();
            for (int i = 0; i < buffered.length; i++) {
                if (buffered[i] == '\n') {
                    if (i == 0 || buffered[i - 1] != '\r') {
                        throw new AssertionError("line ended in a bare LF: "
                                + new String(buffered, 0, i + 1, StandardCharsets.ISO_8859_1));
                    }
                    consume(i + 1);
                    return new String(buffered, 0, i - 1, StandardCharsets.ISO_8859_1);
                }
            }
            if (!fill(deadline)) {
                throw new AssertionError(closedByPeer
                        ? "connection closed while waiting for a line; unread: " + pendingText()
                        : "no complete line within " + timeout + "; unread: " + pendingText());
            }
        }
    }

    public String expectLine(String expected) {
        String line = readLine(DEFAULT_TIMEOUT);
        if (!line.equals(expected)) {
            throw new AssertionError("expected line [" + expected + "] but got [" + line + "]");
        }
        return line;
    }

    public String expectLineStartingWith(String prefix) {
        String line = readLine(DEFAULT_TIMEOUT);
        if (!line.startsWith(prefix)) {
            throw new AssertionError("expected a line starting with [" + prefix + "] but got [" + line + "]");
        }
        return line;
    }

    /** Exactly {@code count} bytes (a payload), waiting up to the default timeout. */
    public byte[] readBytes(int count) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (pending.size() < count) {
            if (!fill(deadline)) {
                throw new AssertionError("expected " + count + " bytes, got " + pending.size());
            }
        }
        byte[] bytes = Arrays.copyOf(pending.toByteArray(), count);
        consume(count);
        return bytes;
    }

    /** Asserts that nothing arrives for {@code quiet}. */
    public void expectNothing(Duration quiet) {
        if (pending.size() > 0) {
            throw new AssertionError("expected nothing, but have unread: " + pendingText());
        }
        long deadline = System.nanoTime() + quiet.toNanos();
        if (fill(deadline)) {
            throw new AssertionError("expected nothing for " + quiet + ", got: " + pendingText());
        }
        if (closedByPeer) {
            throw new AssertionError("expected nothing, but the server closed the connection");
        }
    }

    /**
     * Asserts the server closes the connection within the timeout, after any unread lines.
     *
     * @return whatever arrived (and was unread) before the close
     */
    public String expectClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByPeer) {
            if (!fill(deadline) && !closedByPeer) {
                throw new AssertionError("connection still open after " + timeout + "; unread: " + pendingText());
            }
        }
        String rest = new String(pending.toByteArray(), StandardCharsets.ISO_8859_1);
        pending.reset();
        return rest;
    }

    public String expectClosed() {
        return expectClosed(DEFAULT_TIMEOUT);
    }

    /** Whether the server has closed the connection (as far as reads have seen). */
    public boolean isClosedByPeer() {
        return closedByPeer;
    }

    /** Reads more into the buffer; false on timeout or end of stream. */
    private boolean fill(long deadlineNanos) {
        if (closedByPeer) {
            return false;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        byte[] chunk = new byte[64 * 1024];
        try {
            int n = link.read(chunk, Math.max(1, left / 1_000_000));
            if (n < 0) {
                closedByPeer = true;
                return false;
            }
            pending.write(chunk, 0, n);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            // A reset is the server dropping the connection.
            closedByPeer = true;
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void consume(int count) {
        byte[] rest = pending.toByteArray();
        pending.reset();
        pending.write(rest, count, rest.length - count);
    }

    private String pendingText() {
        return "[" + new String(pending.toByteArray(), StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n") + "]";
    }

    @Override
    public void close() {
        link.close();
    }
}
