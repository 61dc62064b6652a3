package io.wirehub.server.connection;

import io.wirehub.server.transport.TlsHandshakeException;
import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes what is queued for a client. When the client's queue is idle (nobody writing, nothing
 * carried over), the thread that queued the bytes writes them itself, as far as the socket takes
 * them without waiting ({@link #flush}): no hand-off to another thread on the message path. Else,
 * or with bytes left over, the writer thread takes everything queued, writes it in one gathering
 * write (blocking, for write_deadline), and sleeps until woken. The thread starts when first needed:
 * a connection whose writes all went in place never starts it.
 *
 * <p>Only transports that can write without waiting (plain TCP and the Unix socket,
 * {@link Transport#enableTryWrite}) are written in place; TLS and WebSocket write from the writer
 * thread only, because a record or frame must not be cut where the socket stopped taking bytes.
 */
final class ConnectionWriter implements Runnable {
    private final ClientConnection connection;
    private final Transport transport;
    private final OutboundQueue queue;
    private final Thread thread;
    /** Whether {@link #flush} may write in place; set on the accepting thread before any write. */
    private final boolean inPlace;
    /** Set by the first {@link #wake}: the thread is started once, by whoever needs it first. */
    private final AtomicBoolean started = new AtomicBoolean();
    /**
     * The chunks an in-place write took out: used only by the thread holding the socket through
     * {@link OutboundQueue#claimIdle} (the queue's lock hands it from one such thread to the next).
     */
    private final OutboundQueue.Batch inPlaceBatch = new OutboundQueue.Batch();

    /** System.nanoTime() when the current write began; 0 between writes. For write_deadline. */
    private volatile long writingSince;
    /** Set when the connection is closing with a flush: write what is queued, then close. */
    private volatile boolean closeWhenDrained;

    ConnectionWriter(ClientConnection connection, Transport transport, OutboundQueue queue) {
        this.connection = connection;
        this.transport = transport;
        this.queue = queue;
        this.thread = Thread.ofVirtual().name("wirehub-writer-" + connection.id()).unstarted(this);
        this.inPlace = transport.enableTryWrite();
    }

    /** Wakes the writer (starting it the first time); cheap when it is already awake. Any thread. */
    void wake() {
        if (!started.get() && started.compareAndSet(false, true)) {
            thread.start();
            return;
        }
        LockSupport.unpark(thread);
    }

    /**
     * Gets what is queued on its way: written here and now when the queue is idle and the socket
     * takes it all, else by the writer thread. Any thread; never blocks.
     */
    void flush() {
        if (!inPlace) {
            wake();
            return;
        }
        switch (queue.claimIdle(inPlaceBatch)) {
            case NOTHING -> { }
            case BUSY -> wake();
            case CLAIMED -> writeInPlace();
        }
    }

    private void writeInPlace() {
        OutboundQueue.Batch batch = inPlaceBatch;
        long written = 0;
        IOException failed = null;
        try {
            written = transport.tryWrite(batch.chunks(), 0, batch.count());
        } catch (IOException e) {
            failed = e;
        } catch (RuntimeException | Error e) {
            queue.releaseInPlace(batch, 0);
            connection.internalError("in-place writer", e);
            wake();
            return;
        }
        boolean more = queue.releaseInPlace(batch, written);
        if (failed != null) {
            connection.close(CloseReason.WRITE_ERROR);
        }
        if (more || failed != null) {
            wake();
        }
    }
    /** Writes what is queued, then closes the transport. */
    void finishAndClose() {
        closeWhenDrained = true;
        wake();
    }

    /** Nanoseconds the current write has been blocked, or 0 when not writing. */
    long blockedNanos(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    @Override
    public void run() {
        OutboundQueue.Batch batch = new OutboundQueue.Batch();
        try {
            while (true) {
                queue.takeAll(batch);
                if (batch.count() == 0) {
                    // Empty, or a thread writing in place holds the socket: it wakes us if it
                    // leaves bytes behind or finds the queue closed, so only an idle queue ends us.
                    if ((closeWhenDrained || !transport.isOpen()) && queue.isIdle()) {
                        break;
                    }
                    LockSupport.park(this);
                    continue;
                }
                writeBatch(batch);
            }
        } catch (TlsHandshakeException e) {
            // The reader logs it; whichever thread sees it first records the same reason.
            connection.close(CloseReason.TLS_HANDSHAKE_ERROR);
        } catch (IOException e) {
            connection.close(CloseReason.WRITE_ERROR);
        } catch (RuntimeException | Error e) {
            connection.internalError("writer", e);
        } finally {
            CloseReason reason = connection.closeReason();
            if (reason == null) {
                transport.close();
            } else {
                transport.closeGracefully(reason.notice(), reason.text());
            }
        }
    }

    private void writeBatch(OutboundQueue.Batch batch) throws IOException {
        writingSince = System.nanoTime();
        try {
            transport.write(batch.chunks(), 0, batch.count());
        } finally {
            writingSince = 0;
            queue.written(batch);
        }
    }
}
