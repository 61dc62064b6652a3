package io.wirehub.server.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets threads wait for a non-blocking channel to become readable or writable: one platform thread
 * selects over every registered channel and unparks the thread waiting on each ready one.
 *
 * <p>Why it exists: a channel in the JDK's blocking mode cannot be asked to write only what fits
 * now, and a channel in non-blocking mode cannot block a reader without a selector. A plain client
 * connection is switched to non-blocking mode so that another connection's reader can write to it
 * in place when it is idle ({@link Transport#tryWrite}); its own reader and writer still block,
 * here. This is what the JDK does for a virtual thread on a blocking channel (a poller thread
 * unparks it); the difference is only that the interest is handed over through the selector.
 *
 * <p>One poller serves the whole JVM (created on first use, a daemon thread): it holds no state of
 * a server, only keys, which closing a channel cancels.
 */
public final class ReadinessPoller implements Runnable {
    private static volatile ReadinessPoller shared;

    private final Selector selector;

    private ReadinessPoller() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for client connections", e);
        }
        Thread.ofPlatform().daemon().name("wirehub-poller").start(this);
    }

    /** The JVM's poller, started on first use. */
    static ReadinessPoller shared() {
        ReadinessPoller poller = shared;
        if (poller == null) {
            synchronized (ReadinessPoller.class) {
                poller = shared;
                if (poller == null) {
                    poller = new ReadinessPoller();
                    shared = poller;
                }
            }
        }
        return poller;
    }

    /** Registers a channel already in non-blocking mode; nothing is waited for until asked. */
    Readiness register(SocketChannel channel) throws IOException {
        Readiness readiness = new Readiness(this);
        readiness.key = channel.register(selector, 0, readiness);
        return readiness;
    }

    /** Makes the selector see an interest change, or a closed channel's cancelled key, now. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (true) {
                selector.select(this::ready);
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector itself failed: nothing can wait any more; waiters see their channels
            // as they are (the JVM is going down in every case seen so far).
        }
    }

    private void ready(SelectionKey key) {
        Readiness readiness = (Readiness) key.attachment();
        int ready;
        try {
            ready = key.readyOps();
            // One-shot, as the JDK's own poller: a waiter asks again when it needs to.
            key.interestOpsAnd(~ready);
        } catch (CancelledKeyException closed) {
            ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            unpark(readiness.readWaiter);
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            unpark(readiness.writeWaiter);
        }
    }

    private static void unpark(Thread waiter) {
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * One channel's registration. Concurrency: at most one thread waits to read (the connection's
     * reader) and one to write (whoever holds the right to write, see the connection's writer);
     * each sets its own field before asking for readiness and clears it after, so the poller, which
     * only reads them, unparks the thread that asked. A stale unpark is harmless: every waiter
     * checks again in a loop.
     */
    static final class Readiness {
        private final ReadinessPoller poller;
        /** Set once by register, before the channel is used. */
        private SelectionKey key;
        private volatile Thread readWaiter;
        private volatile Thread writeWaiter;

        private Readiness(ReadinessPoller poller) {
            this.poller = poller;
        }

        /** Parks until the channel may be readable (or closed, or spuriously). */
        void awaitReadable() throws IOException {
            readWaiter = Thread.currentThread();
            try {
                await(SelectionKey.OP_READ);
            } finally {
                readWaiter = null;
            }
        }

        /** Parks until the channel may be writable (or closed, or spuriously). */
        void awaitWritable() throws IOException {
            writeWaiter = Thread.currentThread();
            try {
                await(SelectionKey.OP_WRITE);
            } finally {
                writeWaiter = null;
            }
        }

        private void await(int op) throws IOException {
            try {
                key.interestOpsOr(op);
            } catch (CancelledKeyException closed) {
                throw new AsynchronousCloseException();
            }
            poller.wakeup();
            LockSupport.park(this);
            if (!key.isValid()) {
                throw new AsynchronousCloseException();
            }
        }

        /** The channel was closed: wake both waiters, and let the selector release the socket now. */
        void closed() {
            unpark(readWaiter);
            unpark(writeWaiter);
            poller.wakeup();
        }
    }
}
