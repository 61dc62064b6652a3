package io.wirehub.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connection over a {@link SocketChannel} (TCP or Unix domain): reads and gathering writes
 * straight on the channel. Subclasses say who the peer is.
 *
 * <p>The channel starts in blocking mode (TLS and the first-byte peek need its socket). A client
 * connection that stays plain switches it to non-blocking mode before any thread uses it
 * ({@link #enableTryWrite}, only with {@link #WRITE_IN_PLACE_PROPERTY} set): reads and writes still block their caller, through the
 * {@link ReadinessPoller}, and {@link #tryWrite} writes only what fits now.
 */
public abstract class ChannelTransport implements Transport {
    /**
     * The JVM property that turns writing in place on ({@code -Dwirehub.writeInPlace=true}). Off by
     * default: measured side by side with nats-server on a busy 2-core machine (docs/benchmarks.md,
     * "Writing in place"), the selector's extra wake-up per blocking read cost more throughput
     * (16 requesters: 0.76x req/s, set-up 0.67x conn/s) than the saved hand-off gained in the tails.
     */
    public static final String WRITE_IN_PLACE_PROPERTY = "wirehub.writeInPlace";

    protected final SocketChannel channel;
    /**
     * Null while the channel is in blocking mode. Written once by {@link #enableTryWrite}, before
     * the connection's threads start (a happens-before through Thread.start), then only read.
     */
    private ReadinessPoller.Readiness readiness;

    protected ChannelTransport(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Switches the channel to non-blocking mode. Call before any other thread uses this transport:
     * the JDK changes the mode only under the channel's read and write locks.
     */
    @Override
    public boolean enableTryWrite() {
        if (readiness != null) {
            return true;
        }
        if (!Boolean.getBoolean(WRITE_IN_PLACE_PROPERTY)) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            readiness = ReadinessPoller.shared().register(channel);
            return true;
        } catch (IOException e) {
            // The socket broke already; the reader finds out at its first read, in blocking mode.
            try {
                channel.configureBlocking(true);
            } catch (IOException | RuntimeException ignored) {
                // Closed: every operation fails from here on, as it should.
            }
            return false;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ReadinessPoller.Readiness waits = readiness;
        if (waits == null) {
            return channel.read(dst);
        }
        while (true) {
            int read = channel.read(dst);
            if (read != 0 || !dst.hasRemaining()) {
                return read;
            }
            waits.awaitReadable();
        }
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int count) throws IOException {
        ReadinessPoller.Readiness waits = readiness;
        int first = offset;
        int end = offset + count;
        while (first < end) {
            long written = channel.write(srcs, first, end - first);
            while (first < end && !srcs[first].hasRemaining()) {
                first++;
            }
            if (written == 0 && first < end && waits != null) {
                waits.awaitWritable();
            }
        }
    }

    @Override
    public long tryWrite(ByteBuffer[] srcs, int offset, int count) throws IOException {
        if (readiness == null) {
            throw new IllegalStateException("tryWrite needs enableTryWrite first");
        }
        return channel.write(srcs, offset, count);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken: nothing left to release.
        }
        ReadinessPoller.Readiness waits = readiness;
        if (waits != null) {
            // A registered non-blocking channel's socket is released when the selector drops its
            // key: wake the selector so the peer sees the close now, and the waiters so they fail.
            waits.closed();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** The underlying channel, for socket options. */
    public SocketChannel channel() {
        return channel;
    }
}
