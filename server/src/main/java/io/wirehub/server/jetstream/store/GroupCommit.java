package io.wirehub.server.jetstream.store;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fsync for many appenders at once. An appender that needs its sequence durable either finds a
 * flush already covering it, or waits for the flush in progress, or becomes the leader: it takes
 * a snapshot of what is written (under the store's lock, briefly) and forces it outside the lock,
 * so the appenders that wrote meanwhile are covered by the same force() and new appends go on.
 */
final class GroupCommit {

    /** What is written right now: the channel to force and the last sequence in it. */
    record Written(MessageBlock block, long lastSeq) {
    }

    interface Source {
        /** Taken under the store's lock; earlier blocks were forced when they were closed. */
        Written written();
    }

    private final Source source;
    private final AtomicLong forces = new AtomicLong();
    private final Object monitor = new Object();
    // Guarded by monitor.
    private long durableSeq;
    private boolean flushing;

    GroupCommit(Source source, long durableSeq) {
        this.source = source;
        this.durableSeq = durableSeq;
    }

    /** Returns once {@code seq} is on disk; throws StoreException(IO) when force fails. */
    void awaitDurable(long seq) {
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (monitor) {
                    while (durableSeq < seq && flushing) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            // The append is written; its caller must learn whether it is durable.
                            interrupted = true;
                        }
                    }
                    if (durableSeq >= seq) {
                        return;
                    }
                    flushing = true;
                }
                flushAsLeader();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void flushAsLeader() {
        long covered = -1;
        try {
            Written written = source.written();
            try {
                written.block().force();
                forces.incrementAndGet();
            } catch (ClosedChannelException closed) {
                // A block is closed only after being forced (roll, close): what it held is durable.
            }
            covered = written.lastSeq();
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "fsync failed", e);
        } finally {
            synchronized (monitor) {
                flushing = false;
                durableSeq = Math.max(durableSeq, covered);
                monitor.notifyAll();
            }
        }
    }

    long durableSeq() {
        synchronized (monitor) {
            return durableSeq;
        }
    }

    /** How many force() calls the group commit made: far fewer than appends under load. */
    long forces() {
        return forces.get();
    }
}
