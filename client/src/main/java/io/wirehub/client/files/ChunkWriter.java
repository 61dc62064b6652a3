package io.wirehub.client.files;

import io.wirehub.files.WriteBehind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes a download's verified chunks into its part file, in order, on a thread of its own, and
 * grows the whole file's digest as it goes: the thread that receives chunks goes on verifying the
 * next one while the last is written and hashed, so a download keeps two cores busy, not one.
 *
 * <p>At most {@value #QUEUED} chunks wait to be written; {@link #write} blocks beyond that, so
 * memory stays bounded when the disk is slower than the network. {@link #close} writes everything
 * queued before it returns, also after a failure elsewhere, so the part file holds every chunk
 * that was verified (and resumes from there).
 *
 * <p>Threads: {@link #write} and {@link #close} are called by the receiving thread; the channel,
 * the digest and the {@link WriteBehind} belong to the writing thread until {@link #close}
 * returns.
 */
final class ChunkWriter implements AutoCloseable {
    private static final int QUEUED = 8;

    private record Job(byte[] data, long position) {
    }

    private static final Job END = new Job(new byte[0], -1);

    private final FileChannel channel;
    private final MessageDigest whole;
    private final WriteBehind writeBehind;
    /** Chunks handed over by the receiving thread, then {@link #END}. */
    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    /** The writing thread's first failure; it drains the queue without writing afterwards. */
    private volatile IOException failure;

    /** Starts writing at {@code position}, the length of the verified prefix already in the file. */
    ChunkWriter(FileChannel channel, MessageDigest whole, long position) {
        this.channel = channel;
        this.whole = whole;
        this.writeBehind = new WriteBehind(channel, position);
        this.thread = Thread.ofVirtual().name("wirehub-chunk-writer").start(this::run);
    }

    /** Queues a verified chunk for {@code position}; reports an earlier write's failure. */
    void write(byte[] data, long position) throws IOException {
        if (failure != null) {
            throw failure;
        }
        put(new Job(data, position));
    }

    private void run() {
        while (true) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return; // never interrupted: close() ends the thread with END
            }
            if (job == END) {
                return;
            }
            if (failure == null) {
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(job.data());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer, job.position() + buffer.position());
                    }
                    whole.update(job.data());
                    writeBehind.written(job.position() + job.data().length);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
    }

    /** Writes everything queued, then ends the writing thread; the digest is complete afterwards. */
    @Override
    public void close() throws IOException {
        try {
            jobs.put(END);
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt(); // stop writing: a resumed download cuts the part file back to whole chunks
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
        writeBehind.finish();
        if (failure != null) {
            throw failure;
        }
    }

    private void put(Job job) throws FileTransferException {
        try {
            jobs.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
    }
}
