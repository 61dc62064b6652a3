package io.wirehub.files;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Has the kernel write a file's new bytes to disk while more are still arriving. Left alone,
 * Linux keeps a transfer's pages dirty in memory until the final fsync, which then waits for the
 * whole file (~0.2 s per 256 MiB on the benchmark machine); forcing every {@link #STEP} bytes
 * from a thread of its own lets the disk work alongside the transfer, and the final force finds
 * little left. The final force is still the caller's: this only starts the work early.
 *
 * <p>Used by both ends of a file transfer: the server's file store and the client's downloads.
 *
 * <p>{@link #written} and {@link #finish} are called by the one thread that writes the file; the
 * forces run on another thread, at most one at a time.
 */
public final class WriteBehind {
    /** Large enough that a force costs little per byte, small enough to keep the disk busy. */
    public static final long STEP = 16L << 20;

    private final FileChannel channel;
    private final long step;
    /** Bytes written when the last force was started; writing thread only. */
    private long forcedAt;
    /** The force started last, or null; writing thread only. */
    private Thread forcing;
    /**
     * The first failed force, reported by {@link #finish}: Linux reports a write-back error to
     * one fsync only, so an error seen here would otherwise be lost to the final force.
     */
    private volatile IOException failure;

    public WriteBehind(FileChannel channel, long alreadyWritten) {
        this(channel, alreadyWritten, STEP);
    }

    /** With another step than {@link #STEP}, for tests. */
    WriteBehind(FileChannel channel, long alreadyWritten, long step) {
        this.channel = channel;
        this.forcedAt = alreadyWritten;
        this.step = step;
    }

    /** Notes that the file now holds {@code total} bytes; starts a force when a step has passed. */
    public void written(long total) {
        if (total - forcedAt < step || (forcing != null && forcing.isAlive())) {
            return;
        }
        forcedAt = total;
        forcing = Thread.ofVirtual().name("wirehub-write-behind").start(this::force);
    }

    private void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Waits for the force in progress (so the channel may be forced in full or closed) and reports its failure. */
    public void finish() throws IOException {
        if (forcing != null) {
            try {
                forcing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the file was being written to disk", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
