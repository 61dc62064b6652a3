package io.wirehub.server.files;

import io.wirehub.files.WriteBehind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Appends an upload's verified chunks to its part file on a thread of its own, each chunk's digest
 * to the digests file, and grows the whole file's SHA-256. The service's worker goes on verifying
 * the next chunk while the last is written and hashed: the worker alone, hashing every byte twice,
 * was what limited uploads.
 *
 * <p>At most {@value #QUEUED} chunks wait; {@link #append} blocks beyond that, so memory stays
 * bounded when the disk is slow. {@link #finish} writes everything queued before it returns, so
 * the part file holds every chunk that was acknowledged unless the server stops first (a resumed
 * upload then starts from the chunks that reached the file).
 *
 * <p>Threads: {@link #append} and {@link #finish} are called by the file service's worker; the
 * channel, the digests file, the whole digest and the {@link WriteBehind} belong to the writing
 * thread until {@link #finish} returns.
 */
final class PartWriter {
    private static final int QUEUED = 8;

    private record Job(byte[] data, int offset, int length, byte[] digest) {
    }

    private static final Job END = new Job(new byte[0], 0, 0, new byte[0]);

    private final FileChannel channel;
    private final ChunkDigests digests;
    private final MessageDigest whole;
    private final WriteBehind writeBehind;
    /** Bytes in the part file; the writing thread's. */
    private long written;
    /** Chunks handed over by the worker, then {@link #END}. */
    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    /** The writing thread's first failure; it drains the queue without writing afterwards. */
    private volatile IOException failure;
    /** Set by {@link #finish} (worker only): the thread has ended. */
    private boolean finished;

    /** Starts appending after {@code written} bytes, the verified prefix already in the file. */
    PartWriter(FileChannel channel, ChunkDigests digests, MessageDigest whole, long written) {
        this.channel = channel;
        this.digests = digests;
        this.whole = whole;
        this.written = written;
        this.writeBehind = new WriteBehind(channel, written);
        this.thread = Thread.ofVirtual().name("wirehub-files-part-writer").start(this::run);
    }

    /** Queues a verified chunk (the arrays are not used by the caller afterwards); reports an earlier failure. */
    void append(byte[] data, int offset, int length, byte[] digest) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            throw new IllegalStateException("the part file was already finished");
        }
        put(new Job(data, offset, length, digest));
    }

    private void run() {
        while (true) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return; // only when the worker was interrupted in finish(): the server is stopping
            }
            if (job == END) {
                return;
            }
            if (failure == null) {
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(job.data(), job.offset(), job.length());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    digests.append(job.digest());
                    whole.update(job.data(), job.offset(), job.length());
                    written += job.length();
                    writeBehind.written(written);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
    }

    /** Writes everything queued and ends the writing thread; the whole digest is complete afterwards. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            try {
                jobs.put(END);
                thread.join();
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the part file was written", e);
            }
            writeBehind.finish();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void put(Job job) throws IOException {
        try {
            jobs.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the part file was written", e);
        }
    }
}
