package io.wirehub.server.jetstream.store;

import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The messages of one stream, by sequence. The store assigns sequences, applies the limits
 * ({@link StoreLimits}) and knows subjects only as strings matched with NATS wildcards: it knows
 * nothing of clients, routing or interest. Every method is safe to call from many threads.
 *
 * <p>A filter is a subject with optional {@code *} and {@code >} wildcards; {@code null}, empty
 * and {@code ">"} mean every subject.
 */
public interface MessageStore extends AutoCloseable {

    /** Stores a message under the next sequence and returns it; throws {@link StoreException}. */
    long append(String subject, byte[] headers, byte[] payload);

    /**
     * Stores a message with the time it was first stored elsewhere (a mirror keeps its origin's
     * times); {@code timestampNanos} 0 means now, as {@link #append(String, byte[], byte[])}.
     */
    long append(String subject, byte[] headers, byte[] payload, long timestampNanos);

    /**
     * Stores a message as {@link #append(String, byte[], byte[])} does, but returns once it is
     * written, without waiting for a sync the store's policy makes on every append: the caller
     * calls {@link #awaitDurable} before telling anyone the message is stored. One writer can so
     * make a whole batch durable with one fsync (group commit).
     */
    default long appendWithoutWaiting(String subject, byte[] headers, byte[] payload) {
        return append(subject, headers, payload);
    }

    /**
     * Returns once every message up to {@code seq} is durable as the store's sync policy promises
     * (at once when the store does not sync every append); throws {@link StoreException} when
     * the sync fails.
     */
    default void awaitDurable(long seq) {
    }

    Optional<StoredMessage> load(long seq);

    /** The first message at or after {@code fromSeq} whose subject matches {@code filter}. */
    Optional<StoredMessage> loadNext(String filter, long fromSeq);

    /** The newest message whose subject matches {@code filter}. */
    Optional<StoredMessage> loadLast(String filter);

    /**
     * The messages at or after {@code fromSeq} whose subject matches one of {@code filters} (all
     * when empty), oldest first: at most {@code maxMessages}, and no more once {@code maxBytes} are
     * reached (always at least the first; a storage counts its stored size, this default the bodies). One look under the lock, where
     * {@link #loadNext} costs a lookup and a read per message: consumers deliver from these batches.
     */
    default List<StoredMessage> loadNextBatch(List<String> filters, long fromSeq, int maxMessages, long maxBytes) {
        List<StoredMessage> batch = new java.util.ArrayList<>();
        long seq = fromSeq;
        long bytes = 0;
        while (batch.size() < maxMessages && bytes < maxBytes) {
            StoredMessage best = null;
            for (String f : filters.isEmpty() ? java.util.Collections.<String>singletonList(null) : filters) {
                StoredMessage m = loadNext(f, seq).orElse(null);
                if (m != null && (best == null || m.seq() < best.seq())) {
                    best = m;
                }
            }
            if (best == null) {
                break;
            }
            batch.add(best);
            bytes += best.headers().length + best.payload().length;
            seq = best.seq() + 1;
        }
        return batch;
    }

    /** Removes one message; false when there is none at that sequence. */
    boolean remove(long seq);

    /** Removes one message and overwrites its bytes where it was kept. */
    boolean erase(long seq);

    /** Removes every message; returns how many. The sequence goes on from where it was. */
    long purge();

    /**
     * Removes the messages matching {@code filter} below {@code beforeSeq} (0: any), keeping the
     * newest {@code keep} of them (0: none), as STREAM.PURGE's filter, seq and keep do.
     */
    long purge(String filter, long beforeSeq, long keep);

    /** Removes every message below {@code seq}; the first sequence becomes at least {@code seq}. */
    long compact(long seq);

    /** Uses up the sequences up to {@code seq} without messages (mirrors skip what they lack). */
    void skip(long seq);

    /** Removes the messages older than the max age; the stream calls it on a timer. */
    long expire();

    StoreState state();

    /** Message counts per subject, for the subjects matching {@code filter}. */
    Map<String, Long> subjectTotals(String filter);

    /** How many messages matching {@code filter} are at or after {@code fromSeq}. */
    long numPending(long fromSeq, String filter);

    /** Applies new limits now (removing what they no longer allow, unless discard new). */
    void updateLimits(StoreLimits limits);

    void addRemovalListener(RemovalListener listener);

    /**
     * Makes everything written so far durable (fsync), for stores that do not sync on every
     * append; the stream layer calls it every sync_interval. Nothing to do for memory.
     */
    default void sync() {
    }

    /** The size a message counts towards max bytes, as nats-server counts it for this storage. */
    long sizeOf(String subject, int headerLength, int payloadLength);

    @Override
    void close();
}
