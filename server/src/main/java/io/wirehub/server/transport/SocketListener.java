package io.wirehub.server.transport;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on one bound channel (TCP or Unix domain) with a platform thread of its
 * own, and hands each to a consumer. Nothing a client does can stop it: per-connection failures
 * are logged and the loop goes on; only {@link #close()} ends it.
 */
public abstract class SocketListener<T extends Transport> implements AutoCloseable {
    /** Pause after a failed accept (e.g. out of file descriptors), as nats-server does. */
    private static final long ACCEPT_MIN_SLEEP_MS = 10;
    private static final long ACCEPT_MAX_SLEEP_MS = 1000;

    /** Loaded on first use, so binding early does not pay for logging's start-up. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);
    }

    protected final ServerSocketChannel server;
    private volatile Thread thread;
    private volatile boolean closed;

    protected SocketListener(ServerSocketChannel server) {
        this.server = server;
    }

    /**
     * Sets up an accepted channel (socket options) and wraps it.
     *
     * @throws IOException when the socket cannot be set up; the channel is then closed
     */
    protected abstract T adopt(SocketChannel channel) throws IOException;

    /** Where this listener listens, for thread names and logs. */
    public abstract String describe();

    /** Starts the accept thread, which hands every accepted connection to {@code onAccept}. */
    public void start(Consumer<? super T> onAccept) {
        Thread acceptor = Thread.ofPlatform().name("wirehub-accept-" + describe()).daemon(true)
                .unstarted(() -> acceptLoop(onAccept));
        thread = acceptor;
        acceptor.start();
    }

    private void acceptLoop(Consumer<? super T> onAccept) {
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
        Log.LOG.debug("Listener on {} stopped", describe());
    }

    private void handOver(SocketChannel channel, Consumer<? super T> onAccept) {
        try {
            onAccept.accept(adopt(channel));
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

    /**
     * For a listener that will not start after all: answers each connection waiting in the backlog
     * with {@code notice} and closes it (see {@link BacklogRefusal}). The caller closes the listener.
     */
    public void refuseWaiting(byte[] notice) {
        BacklogRefusal.answer(server, notice);
    }

    /**
     * Whether closing this listener would also point the process's standard output and error at
     * /dev/null: only for a socket inherited as standard input and taken through the JDK's public
     * path (see {@link InheritedSockets}).
     */
    public boolean closingSilencesStandardStreams() {
        return InheritedSockets.closingSilencesStandardStreams(server);
    }

    /** Stops accepting; connections already accepted are not touched. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (closingSilencesStandardStreams()) {
            Log.LOG.warn("Closing the client port inherited as standard input: the JDK now sends standard output"
                    + " and error to /dev/null (start with ./wirehub, which opens sun.nio.ch, to keep them)");
        }
        try {
            server.close();
        } catch (IOException e) {
            Log.LOG.debug("Closing listener on {}: {}", describe(), e.toString());
        }
        afterClose();
    }

    /** Clean-up once the channel is closed (the Unix listener removes its socket file). */
    protected void afterClose() {
    }

    /** Waits until the accept thread has ended, up to the given time. */
    public void awaitStopped(long millis) throws InterruptedException {
        Thread acceptor = thread;
        if (acceptor != null) {
            acceptor.join(millis);
        }
    }
}
