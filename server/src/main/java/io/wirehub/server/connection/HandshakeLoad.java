package io.wirehub.server.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many new connections are waiting for a carrier thread (accepted, their reader not yet
 * running) or talking before they settled who they are (no CONNECT, or no op that settles a
 * no_auth_user): the load new connections put on the server before they are clients. A flood of garbage is all such connections, each one read, refused and closed on the
 * same two virtual-thread carriers that serve the established clients; past {@link #LIMIT} the
 * accept thread waits a little before taking the next connection, so the flood queues in the
 * kernel's backlog instead of in front of every client's reader (issue 19: a bystander's worst
 * round trip during a garbage flood).
 *
 * <p>Silent connections do not count (they cost nothing until they send), so a few idle sockets
 * cannot slow accepting; the wait per accept is bounded, so a steady stream of honest clients is
 * slowed, never stopped.
 *
 * <p>Thread-safe: counted by readers, read by accept threads.
 */
public final class HandshakeLoad {
    /** Unsettled connections that are sending, past which accepting slows down. */
    static final int LIMIT = 8;
    /** The longest one accept waits for the load to fall. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicInteger sending = new AtomicInteger();

    void started() {
        sending.incrementAndGet();
    }

    void ended() {
        sending.decrementAndGet();
    }

    /** Unsettled connections sending now (for tests and monitoring). */
    public int sending() {
        return sending.get();
    }

    /**
     * Called by an accept thread before it takes the next connection: waits while the load is
     * past {@link #LIMIT}, at most {@link #MAX_WAIT_NANOS}.
     */
    public void awaitRoom() {
        if (sending.get() <= LIMIT) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (sending.get() > LIMIT && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
