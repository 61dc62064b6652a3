package io.wirehub.server.transport.tls;

import io.wirehub.server.transport.TcpTransport;
import io.wirehub.server.transport.TlsDetails;
import io.wirehub.server.transport.TlsHandshakeException;
import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * A client connection with TLS over an accepted TCP connection, in the orders nats-server offers
 * (PROTOCOL.md §11): INFO in plaintext then the handshake (classic); the handshake first, then
 * INFO inside TLS ({@code handshake_first}); the handshake first unless no byte comes within the
 * fallback delay ({@code handshake_first: auto}); and, with {@code allow_non_tls}, INFO in
 * plaintext then whatever the client starts: a TLS record or plain protocol.
 *
 * <p>Threading: the connection's reader thread runs the handshake in its first {@link #read};
 * the writer's first write is the INFO, which goes out in plaintext or waits for the handshake as
 * the order demands; every later write waits until the handshake is done. A handshake that is not
 * done within the TLS timeout closes the connection. {@link #close} from any thread releases both.
 */
public final class TlsTransport implements Transport {
    /** The first byte of a TLS record carrying a handshake message (the ClientHello). */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    /** How the connection starts. */
    public enum Order { INFO_FIRST, HANDSHAKE_FIRST, HANDSHAKE_FIRST_OR_INFO, INFO_THEN_TLS_OR_PLAIN }

    private final TcpTransport tcp;
    private final ServerTlsContext tls;
    private final Order order;
    private final Duration fallback;
    private final ScheduledFuture<?> deadline;
    /** Counted down when the INFO may go out in plaintext (the order is known to allow it). */
    private final CountDownLatch plainInfoDecided = new CountDownLatch(1);
    /** Counted down when the handshake is done, failed, or the client chose plaintext. */
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Written by the reader before {@link #opened} is released; read after it. */
    private volatile SSLSocket ssl;
    private volatile InputStream in;
    private volatile OutputStream out;
    private volatile boolean plaintext;
    private volatile boolean infoInPlaintext;
    private volatile IOException failure;
    private volatile TlsDetails details;
    /** Reader thread only. */
    private boolean started;
    /** The plaintext client's first byte, read while deciding; reader thread only. */
    private int pendingByte = -1;
    /** Writer thread only. */
    private boolean infoWritten;
    /** Writer thread only: copies of direct buffers for the TLS stream. */
    private final byte[] scratch = new byte[16 * 1024];

    public TlsTransport(TcpTransport tcp, ServerTlsContext tls, Order order, Duration fallback,
                        ScheduledExecutorService timer) {
        this.tcp = tcp;
        this.tls = tls;
        this.order = order;
        this.fallback = fallback;
        long timeout = tls.config().timeout().toNanos() + (order == Order.HANDSHAKE_FIRST_OR_INFO ? fallback.toNanos() : 0);
        this.deadline = timer.schedule(this::handshakeTimedOut, timeout, TimeUnit.NANOSECONDS);
        if (order == Order.INFO_FIRST || order == Order.INFO_THEN_TLS_OR_PLAIN) {
            infoInPlaintext = true;
            plainInfoDecided.countDown();
        }
    }

    /** The order a listener's TLS settings ask for. */
    public static Order orderFor(ServerTlsContext tls, boolean allowNonTls) {
        if (allowNonTls) {
            return Order.INFO_THEN_TLS_OR_PLAIN;
        }
        if (!tls.config().handshakeFirst()) {
            return Order.INFO_FIRST;
        }
        return tls.config().handshakeFirstFallback().isZero() ? Order.HANDSHAKE_FIRST : Order.HANDSHAKE_FIRST_OR_INFO;
    }

    private void handshakeTimedOut() {
        if (opened.getCount() > 0) {
            failure = new TlsHandshakeException("TLS handshake timeout", null);
            close();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!started) {
            started = true;
            open();
        }
        if (plaintext) {
            if (pendingByte >= 0) {
                dst.put((byte) pendingByte);
                pendingByte = -1;
                return 1;
            }
            return tcp.read(dst);
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] copy = new byte[Math.min(dst.remaining(), scratch.length)];
        int n = in.read(copy);
        if (n > 0) {
            dst.put(copy, 0, n);
        }
        return n;
    }

    /** Runs on the reader thread: decides the order's open questions and does the handshake. */
    private void open() throws IOException {
        try {
            switch (order) {
                case INFO_FIRST, HANDSHAKE_FIRST -> handshake(null);
                case HANDSHAKE_FIRST_OR_INFO -> {
                    int first = firstByte(fallback);
                    if (first < 0) {
                        // Nothing within the fallback delay: a client that waits for INFO first.
                        infoInPlaintext = true;
                        plainInfoDecided.countDown();
                        handshake(null);
                    } else {
                        plainInfoDecided.countDown();
                        requireHandshakeRecord(first);
                        handshake(new byte[] {(byte) first});
                    }
                }
                case INFO_THEN_TLS_OR_PLAIN -> {
                    int first = firstByte(null);
                    if (first == TLS_HANDSHAKE_RECORD) {
                        handshake(new byte[] {(byte) first});
                    } else {
                        pendingByte = first;
                        plaintext = true;
                    }
                }
            }
        } catch (IOException e) {
            IOException cause = failure != null ? failure : e;
            failure = cause instanceof TlsHandshakeException ? cause
                    : new TlsHandshakeException("TLS handshake error: " + describe(e), e);
            throw failure;
        } finally {
            deadline.cancel(false);
            plainInfoDecided.countDown();
            opened.countDown();
        }
    }

    private static void requireHandshakeRecord(int first) throws IOException {
        if (first != TLS_HANDSHAKE_RECORD) {
            throw new TlsHandshakeException("client sent plain data where a TLS handshake was required", null);
        }
    }

    /**
     * The client's first byte, waiting at most {@code wait} (forever when null); -1 when none came
     * in time. Reads from the socket directly: nothing else reads it yet.
     */
    private int firstByte(Duration wait) throws IOException {
        Socket socket = tcp.channel().socket();
        socket.setSoTimeout(wait == null ? 0 : (int) Math.max(1, wait.toMillis()));
        try {
            int first = socket.getInputStream().read();
            if (first < 0) {
                throw new java.io.EOFException("connection closed before the first byte");
            }
            return first;
        } catch (SocketTimeoutException e) {
            return -1;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    private void handshake(byte[] consumed) throws IOException {
        SSLSocket socket = tls.serverSocket(tcp.channel().socket(), consumed);
        ssl = socket;
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
        details = new TlsDetails(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(),
                peerCertificates(socket));
    }

    private static List<X509Certificate> peerCertificates(SSLSocket socket) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : socket.getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // The client sent no certificate (none was asked for).
        }
        return chain;
    }

    private static String describe(IOException e) {
        if (e instanceof SSLException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.toString();
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int count) throws IOException {
        if (!infoWritten) {
            infoWritten = true;
            await(plainInfoDecided);
            if (infoInPlaintext) {
                // The INFO line, before any TLS: the client reads it, then starts its handshake.
                tcp.write(srcs, offset, count);
                return;
            }
        }
        await(opened);
        if (failure != null) {
            throw failure;
        }
        if (plaintext) {
            tcp.write(srcs, offset, count);
            return;
        }
        OutputStream stream = out;
        for (int i = offset; i < offset + count; i++) {
            ByteBuffer src = srcs[i];
            if (src.hasArray()) {
                stream.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
                src.position(src.limit());
                continue;
            }
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), scratch.length);
                src.get(scratch, 0, n);
                stream.write(scratch, 0, n);
            }
        }
        stream.flush();
    }

    private void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the TLS handshake");
        }
        if (!tcp.isOpen()) {
            throw failure != null ? failure : new java.nio.channels.ClosedChannelException();
        }
    }

    /** Closes the socket at once (no close_notify, which could block on a client that does not read). */
    @Override
    public void close() {
        deadline.cancel(false);
        tcp.close();
        plainInfoDecided.countDown();
        opened.countDown();
    }

    @Override
    public boolean isOpen() {
        return tcp.isOpen();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return tcp.remoteAddress();
    }

    @Override
    public String type() {
        return tcp.type();
    }

    @Override
    public TlsDetails tls() {
        return details;
    }
}
