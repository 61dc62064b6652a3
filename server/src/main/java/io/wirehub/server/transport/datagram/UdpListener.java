package io.wirehub.server.transport.datagram;

import io.wirehub.server.stats.DatagramStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives datagrams on one address with a thread of its own: each passes the per-source rate
 * limit, then goes to the {@link DatagramHandler}. Replies go back to the sender from the same
 * socket. Nothing a sender does stops the loop; only {@link #close()} does.
 */
public final class UdpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    /** The largest UDP payload over IPv4 is 65,507 bytes; a buffer this size never truncates. */
    private static final int MAX_DATAGRAM = 65_536;
    /** Room for bursts while the handler routes, rather than the kernel's small default. */
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final DatagramChannel channel;
    private final InetSocketAddress boundAddress;
    private final SourceRateLimiter limiter;
    /** Written by this listener's thread; read by monitoring. */
    private final DatagramStats stats;
    private volatile Thread thread;
    private volatile boolean closed;

    private UdpListener(DatagramChannel channel, int ratePerSource, DatagramStats stats) throws IOException {
        this.channel = channel;
        this.stats = stats;
        this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
        this.limiter = new SourceRateLimiter(ratePerSource);
    }

    /**
     * Binds the address.
     *
     * @param port          0 or -1 for any free port
     * @param ratePerSource datagrams per second accepted from one source address; 0 for no limit
     * @param stats         where it counts what became of each datagram
     */
    public static UdpListener bind(String host, int port, int ratePerSource, DatagramStats stats)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(new InetSocketAddress(host, Math.max(port, 0)));
            return new UdpListener(channel, ratePerSource, stats);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public void start(DatagramHandler handler) {
        Thread receiver = Thread.ofPlatform().name("wirehub-udp-" + boundAddress.getPort()).daemon(true)
                .unstarted(() -> receiveLoop(handler));
        thread = receiver;
        receiver.start();
    }

    private void receiveLoop(DatagramHandler handler) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        byte[] data = buffer.array();
        while (!closed) {
            InetSocketAddress source;
            try {
                buffer.clear();
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                LOG.warn("Error receiving a UDP datagram: {}", e.getMessage());
                continue;
            }
            if (!limiter.tryAcquire(source.getAddress(), System.nanoTime())) {
                stats.rateLimited();
                continue;
            }
            handleOne(handler, source, data, buffer.position());
        }
        LOG.debug("UDP listener on {} stopped", boundAddress);
    }

    private void handleOne(DatagramHandler handler, InetSocketAddress source, byte[] data, int length) {
        DatagramHandler.Outcome outcome;
        try {
            outcome = handler.handle(source, data, length, reply -> reply(source, reply));
        } catch (RuntimeException e) {
            // A bug in handling one datagram must not stop the listener.
            LOG.error("Internal error handling a UDP datagram from {}: {}", source, e.toString(), e);
            outcome = DatagramHandler.Outcome.MALFORMED;
        }
        switch (outcome) {
            case ACCEPTED -> stats.accepted();
            case MALFORMED -> stats.malformed();
            case REFUSED -> stats.refused();
        }
    }

    private void reply(InetSocketAddress source, byte[] reply) {
        try {
            channel.send(ByteBuffer.wrap(reply), source);
            stats.pongSent();
        } catch (IOException e) {
            LOG.debug("Could not answer {} over UDP: {}", source, e.getMessage());
        }
    }

    public InetSocketAddress address() {
        return boundAddress;
    }

    public int port() {
        return boundAddress.getPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing UDP listener on {}: {}", boundAddress, e.toString());
        }
    }

    public void awaitStopped(long millis) throws InterruptedException {
        Thread receiver = thread;
        if (receiver != null) {
            receiver.join(millis);
        }
    }
}
