package io.wirehub.server.connection;

import io.wirehub.server.protocol.ByteSink;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.protocol.WireEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes waiting to be written to one client, in pooled direct chunks. Publishers' readers append
 * (copying), the connection's writer takes everything queued at once and writes it in one
 * gathering write. The total is capped at max_pending: an append that would pass it is refused
 * whole, and the caller closes the connection as a slow consumer.
 *
 * <p>Concurrency: every field below is guarded by {@link #lock}, which never leaves this class.
 * Each append takes it for one whole protocol message, so messages from different publishers never
 * interleave. The writer holds it only to take or return chunks, never across I/O.
 *
 * <p>Who may write to the socket: whoever took chunks out ({@link #takeAll} by the writer thread,
 * {@link #claimIdle} by a thread writing in place) holds the socket ({@link #socketHeld}) until it
 * gives the batch back ({@link #written}, {@link #releaseInPlace}); nobody else takes chunks
 * meanwhile. A thread writes in place only when the queue was idle: nothing taken, nothing carried
 * over, so the bytes it writes are the oldest not yet written and can overtake nothing. What an
 * in-place write leaves unwritten is carried over ahead of anything queued since.
 */
public final class OutboundQueue {
    /** What an append did. */
    public enum Appended {
        /** Queued. */
        QUEUED,
        /** Queued, and the queue now holds more than 75 % of max_pending: the publisher may stall. */
        QUEUED_BEHIND,
        /** Not queued: the queue is closed, or the message would pass max_pending. */
        REFUSED
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when pending bytes fall to {@link #stallThreshold} (or the queue closes). */
    private final Condition drained = lock.newCondition();
    /** Writes into the chunks; only while {@link #lock} is held. */
    private final LockedSink sink = new LockedSink();
    private final BufferPool pool;
    private final long maxPending;
    /** Above this, publishers pause briefly so this client can catch up (fast-producer stall). */
    private final long stallThreshold;

    /** Chunks with queued bytes, oldest first, each in write mode; guarded by lock. */
    private ByteBuffer[] chunks = new ByteBuffer[4];
    /** guarded by lock */
    private int chunkCount;
    /** Bytes queued or being written, not yet confirmed written; guarded by lock. */
    private long pendingBytes;
    /** Once set, appends are refused; guarded by lock. */
    private boolean closed;
    /** Messages (MSG/HMSG) queued since the start; guarded by lock. */
    private long queuedMessages;
    /** Their payload bytes, headers included where sent; guarded by lock. */
    private long queuedMessageBytes;
    /** Someone took chunks and is writing them to the socket; guarded by lock. */
    private boolean socketHeld;
    /**
     * What an in-place write left unwritten, in read mode, oldest first: written before
     * {@link #chunks}. Guarded by lock.
     */
    private ByteBuffer[] carried = new ByteBuffer[4];
    /** guarded by lock */
    private int carriedCount;
    /** Closed with discard (slow consumer): what comes back unwritten is dropped. Guarded by lock. */
    private boolean discarded;

    public OutboundQueue(BufferPool pool, long maxPending) {
        this.pool = pool;
        this.maxPending = maxPending;
        this.stallThreshold = maxPending / 4 * 3;
    }

    /**
     * Queues one message for the subscription with this sid, encoded by {@link WireEncoder}, and
     * counts it.
     *
     * @param receiverHeaders whether the receiving connection negotiated headers
     */
    public Appended appendMessage(PublishArgs message, byte[] data, int dataOffset, byte[] sid,
                                  boolean receiverHeaders) {
        lock.lock();
        try {
            int payload = WireEncoder.writeMessage(sink, message, data, dataOffset, sid, receiverHeaders);
            if (payload < 0) {
                return Appended.REFUSED;
            }
            queuedMessageBytes += payload;
            queuedMessages++;
            return pendingBytes > stallThreshold ? Appended.QUEUED_BEHIND : Appended.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a whole protocol line or frame (INFO, PONG, -ERR, a status message).
     *
     * @return false when the queue is closed or the line would pass max_pending; nothing is queued then
     */
    public boolean appendControl(byte[] line) {
        lock.lock();
        try {
            if (!reserve(line.length)) {
                return false;
            }
            sink.put(line, 0, line.length);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Makes room for {@code bytes}, or says there is none. Caller holds the lock. */
    private boolean reserve(int bytes) {
        assert lock.isHeldByCurrentThread();
        if (closed || pendingBytes + bytes > maxPending) {
            return false;
        }
        pendingBytes += bytes;
        return true;
    }

    /** Messages queued since the start (never lowered by writes). */
    public long queuedMessages() {
        lock.lock();
        try {
            return queuedMessages;
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes of the messages queued since the start. */
    public long queuedMessageBytes() {
        lock.lock();
        try {
            return queuedMessageBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the queue is back under the stall threshold, closed, or {@code maxNanos} have
     * passed. Called by a publisher, without the lock, after waking this queue's writer.
     *
     * @return nanoseconds actually waited
     */
    public long awaitDrained(long maxNanos) {
        long start = System.nanoTime();
        lock.lock();
        try {
            long left = maxNanos;
            while (pendingBytes > stallThreshold && !closed && left > 0) {
                left = drained.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return System.nanoTime() - start;
    }

    /** Caller holds the lock. */
    private ByteBuffer writableTail() {
        if (chunkCount > 0) {
            ByteBuffer tail = chunks[chunkCount - 1];
            if (tail.hasRemaining()) {
                return tail;
            }
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        ByteBuffer fresh = pool.take();
        chunks[chunkCount++] = fresh;
        return fresh;
    }

    /**
     * Moves every carried and queued chunk into {@code batch}, flipped for reading, and takes the
     * socket until {@link #written}. Called by the writer. Takes nothing while a thread writing in
     * place holds the socket: that thread wakes the writer when it lets go with bytes left.
     *
     * @return the batch (possibly a larger array than given), with {@link Batch#count()} chunks
     */
    public Batch takeAll(Batch batch) {
        lock.lock();
        try {
            if (socketHeld) {
                batch.clear();
                return batch;
            }
            moveOut(batch);
            socketHeld = batch.count() > 0;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock and the socket is free. */
    private void moveOut(Batch batch) {
        batch.fill(carried, carriedCount, chunks, chunkCount);
        Arrays.fill(carried, 0, carriedCount, null);
        carriedCount = 0;
        Arrays.fill(chunks, 0, chunkCount, null);
        chunkCount = 0;
    }

    /** Returns a written batch's chunks to the pool, its bytes to the budget, and the socket. */
    public void written(Batch batch) {
        long bytes = batch.bytes();
        for (int i = 0; i < batch.count(); i++) {
            pool.give(batch.chunk(i));
        }
        batch.clear();
        lock.lock();
        try {
            socketHeld = false;
            pendingBytes -= bytes;
            if (pendingBytes <= stallThreshold) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #claimIdle} found. */
    public enum Claim {
        /** The queued chunks are in the batch and the caller holds the socket: write them in place. */
        CLAIMED,
        /** Nothing queued: nothing to write, no one to wake. */
        NOTHING,
        /** Someone else holds the socket or the lock, bytes were carried over, or the queue closed: wake the writer. */
        BUSY
    }

    /**
     * For a thread that would write this client's queued bytes itself: takes them, and the socket,
     * when the queue is idle (nobody writing, nothing carried over, open). Never waits for the lock.
     */
    public Claim claimIdle(Batch batch) {
        if (!lock.tryLock()) {
            return Claim.BUSY;
        }
        try {
            if (socketHeld || carriedCount > 0 || closed) {
                return Claim.BUSY;
            }
            if (chunkCount == 0) {
                return Claim.NOTHING;
            }
            moveOut(batch);
            socketHeld = true;
            return Claim.CLAIMED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives back a batch claimed with {@link #claimIdle} after {@code writtenBytes} of it went to the
     * socket: written chunks return to the pool, the rest is carried over (dropped when the queue
     * was closed with discard), and the socket is free again.
     *
     * @return whether the writer must now run: bytes are carried over or queued, or the queue closed
     */
    public boolean releaseInPlace(Batch batch, long writtenBytes) {
        int firstUnwritten = 0;
        while (firstUnwritten < batch.count() && !batch.chunk(firstUnwritten).hasRemaining()) {
            pool.give(batch.chunk(firstUnwritten));
            firstUnwritten++;
        }
        lock.lock();
        try {
            socketHeld = false;
            pendingBytes -= writtenBytes;
            int left = batch.count() - firstUnwritten;
            if (left > 0) {
                if (discarded) {
                    for (int i = firstUnwritten; i < batch.count(); i++) {
                        pendingBytes -= batch.chunk(i).remaining();
                        pool.give(batch.chunk(i));
                    }
                } else {
                    carry(batch, firstUnwritten, left);
                }
            }
            if (pendingBytes <= stallThreshold) {
                drained.signalAll();
            }
            return carriedCount > 0 || chunkCount > 0 || closed;
        } finally {
            batch.clear();
            lock.unlock();
        }
    }

    /** Caller holds the lock; nothing is carried yet (the claim required it). */
    private void carry(Batch batch, int from, int count) {
        if (carried.length < count) {
            carried = new ByteBuffer[Math.max(count, carried.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            carried[i] = batch.chunk(from + i);
        }
        carriedCount = count;
    }

    /** Bytes queued or in flight. */
    public long pendingBytes() {
        lock.lock();
        try {
            return pendingBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Nothing queued or carried over, and nobody holds the socket. */
    public boolean isIdle() {
        lock.lock();
        try {
            return chunkCount == 0 && carriedCount == 0 && !socketHeld;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        lock.lock();
        try {
            return chunkCount == 0 && carriedCount == 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further appends.
     *
     * @param discard also drop what is queued (slow consumer: nats-server discards pending data)
     */
    public void close(boolean discard) {
        lock.lock();
        try {
            closed = true;
            drained.signalAll();
            if (discard) {
                discarded = true;
                for (int i = 0; i < chunkCount; i++) {
                    pool.give(chunks[i]);
                    chunks[i] = null;
                }
                chunkCount = 0;
                for (int i = 0; i < carriedCount; i++) {
                    pool.give(carried[i]);
                    carried[i] = null;
                }
                carriedCount = 0;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The encoder's way into the chunks: every call asserts that the appender holds the lock. */
    private final class LockedSink implements ByteSink {
        @Override
        public boolean reserve(int bytes) {
            return OutboundQueue.this.reserve(bytes);
        }

        @Override
        public void put(byte[] src, int offset, int length) {
            assert lock.isHeldByCurrentThread();
            while (length > 0) {
                ByteBuffer tail = writableTail();
                int count = Math.min(length, tail.remaining());
                tail.put(src, offset, count);
                offset += count;
                length -= count;
            }
        }

        @Override
        public void put(byte b) {
            assert lock.isHeldByCurrentThread();
            writableTail().put(b);
        }
    }

    /**
     * Chunks taken out to be written: an array reused between writes. Confined to the thread that
     * holds the socket (see the class comment).
     */
    public static final class Batch {
        private ByteBuffer[] chunks = new ByteBuffer[8];
        private int count;
        private long bytes;

        /** Takes {@code readable} chunks as they are (read mode), then {@code filled} ones, flipped. */
        void fill(ByteBuffer[] readable, int readableCount, ByteBuffer[] filled, int filledCount) {
            int total = readableCount + filledCount;
            if (chunks.length < total) {
                chunks = new ByteBuffer[Math.max(total, chunks.length * 2)];
            }
            bytes = 0;
            for (int i = 0; i < readableCount; i++) {
                ByteBuffer chunk = readable[i];
                bytes += chunk.remaining();
                chunks[i] = chunk;
            }
            for (int i = 0; i < filledCount; i++) {
                ByteBuffer chunk = filled[i];
                chunk.flip();
                bytes += chunk.remaining();
                chunks[readableCount + i] = chunk;
            }
            count = total;
        }

        public ByteBuffer[] chunks() {
            return chunks;
        }

        public int count() {
            return count;
        }

        public long bytes() {
            return bytes;
        }

        ByteBuffer chunk(int index) {
            return chunks[index];
        }

        void clear() {
            Arrays.fill(chunks, 0, count, null);
            count = 0;
            bytes = 0;
        }
    }
}
