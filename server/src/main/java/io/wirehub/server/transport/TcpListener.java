package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on one address with a platform thread of its own, and hands each to a
 * consumer. Nothing a client does can stop it: per-connection failures are logged and the loop
 * goes on; only {@link #close()} ends it.
 */
public final class TcpListener implements AutoCloseable {
    /** Pause after a failed accept (e.g. out of file descriptors), as nats-server does. */
    private static final long ACCEPT_MIN_SLEEP_MS = 10;
    private static final long ACCEPT_MAX_SLEEP_MS = 1000;

    /** Loaded on first use, so binding early does not pay for logging's start-up. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    }

    private final ServerSocketChannel server;
    private final InetSocketAddress boundAddress;
    private volatile Thread thread;
    private volatile boolean closed;

    private TcpListener(ServerSocketChannel server) throws IOException {
        this.server = server;
        this.boundAddress = (InetSocketAddress) server.getLocalAddress();
    }

    /**
     * Binds the address; connections queue in the backlog until {@link #start} is called.
     *
     * @param port 0 (or -1) for any free port
     */
    public static TcpListener bind(String host, int port, int backlog) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            // Lets a restarted server take its port back at once (the next test may reuse it).
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, Math.max(port, 0)), backlog);
            return new TcpListener(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts the accept thread, which hands every accepted connection to {@code onAccept}. */
    public void start(Consumer<Transport> onAccept) {
        Thread acceptor = Thread.ofPlatform().name("wirehub-accept-" + boundAddress.getPort()).daemon(true)
                .unstarted(() -> acceptLoop(onAccept));
        thread = acceptor;
        acceptor.start();
    }

    public InetSocketAddress address() {
        return boundAddress;
    }

    public int port() {
        return boundAddress.getPort();
    }

    private void acceptLoop(Consumer<Transport> onAccept) {
        long sleep = ACCEPT_MIN_SLEEP_MS;
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
                sleep = ACCEPT_MIN_SLEEP_MS;
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                Log.LOG.error("Error accepting client connection: {}", e.getMessage());
                sleepQuietly(sleep);
                sleep = Math.min(sleep * 2, ACCEPT_MAX_SLEEP_MS);
                continue;
            }
            handOver(channel, onAccept);
        }
        Log.LOG.debug("Listener on {} stopped", boundAddress);
    }

    private static void handOver(SocketChannel channel, Consumer<Transport> onAccept) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            onAccept.accept(new TcpTransport(channel));
        } catch (IOException | RuntimeException e) {
            Log.LOG.warn("Could not set up accepted connection: {}", e.toString());
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the close error adds nothing.
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting; connections already accepted are not touched. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            Log.LOG.debug("Closing listener on {}: {}", boundAddress, e.toString());
        }
    }

    /** Waits until the accept thread has ended, up to the given time. */
    public void awaitStopped(long millis) throws InterruptedException {
        Thread acceptor = thread;
        if (acceptor != null) {
            acceptor.join(millis);
        }
    }
}
