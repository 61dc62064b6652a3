package io.wirehub.server.jetstream.store;

import java.util.function.LongSupplier;

/** A store that keeps its messages on the heap: memory streams, which do not survive a restart. */
public final class MemoryStore extends IndexedStore {

    public MemoryStore(StoreLimits limits) {
        this(limits, 1, IndexedStore::wallClockNanos);
    }

    /**
     * @param firstSeq the sequence of the first message (a stream's first_seq)
     * @param clockNanos nanoseconds since the epoch; tests pass their own to age messages
     */
    public MemoryStore(StoreLimits limits, long firstSeq, LongSupplier clockNanos) {
        super(limits, firstSeq, clockNanos);
    }

    @Override
    protected Object persistMessage(long seq, long timestampNanos, String subject, byte[] headers, byte[] payload) {
        // Copies: the caller may reuse its buffers once append returns.
        return new StoredMessage(seq, subject, headers.clone(), payload.clone(), timestampNanos);
    }

    @Override
    protected void persistRemoval(IndexEntry entry, boolean erase) {
        // Nothing to overwrite: dropping the index entry drops the only reference the store holds,
        // and zeroing the arrays would change a copy a consumer may be delivering right now.
    }

    @Override
    protected void persistFirstSeq(long firstSeq) {
    }

    @Override
    protected void persistSkip(long seq) {
    }

    @Override
    protected StoredMessage read(IndexEntry entry) {
        return (StoredMessage) entry.location();
    }

    @Override
    public long sizeOf(String subject, int headerLength, int payloadLength) {
        // Subjects are ASCII on the wire, so characters are bytes.
        return subject.length() + headerLength + payloadLength + 16L;
    }

    @Override
    protected void closeStorage() {
    }
}
