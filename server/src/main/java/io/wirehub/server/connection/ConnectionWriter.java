package io.wirehub.server.connection;

import io.wirehub.server.transport.TlsHandshakeException;
import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes to a client: takes everything queued, writes it in one gathering
 * write, and sleeps until woken. Producers wake it once per read batch, so writes coalesce.
 */
final class ConnectionWriter implements Runnable {
    private final ClientConnection connection;
    private final Transport transport;
    private final OutboundQueue queue;
    private final Thread thread;

    /** System.nanoTime() when the current write began; 0 between writes. For write_deadline. */
    private volatile long writingSince;
    /** Set when the connection is closing with a flush: write what is queued, then close. */
    private volatile boolean closeWhenDrained;

    ConnectionWriter(ClientConnection connection, Transport transport, OutboundQueue queue) {
        this.connection = connection;
        this.transport = transport;
        this.queue = queue;
        this.thread = Thread.ofVirtual().name("wirehub-writer-" + connection.id()).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Wakes the writer; cheap when it is already awake. Any thread. */
    void wake() {
        LockSupport.unpark(thread);
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
                    if (closeWhenDrained || !transport.isOpen()) {
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
