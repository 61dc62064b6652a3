package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The next messages a consumer has not delivered yet, read from the store in batches: one look
 * under the store's lock (and, for a file store, one pread per run of neighbouring records) per
 * batch instead of a lookup and a read per message, which is what kept a push consumer at half
 * nats-server's rate on a backlog.
 *
 * <p>The batch always holds every matching message from where it was read up to its last one
 * (a new message gets a higher sequence than any stored), so it may be served from as long as
 * the consumer's position only moves forward. The consumer clears it when its position may move
 * back or its filters change, and drops a message the stream removed.
 *
 * <p>Not thread-safe: the consumer's lock guards every call.
 */
final class ReadAhead {
    /** Messages per batch: enough to amortise the lookup, few enough to stay fresh. */
    static final int BATCH_MESSAGES = 256;
    /** Stored bytes per batch, so large messages are not held by the hundred. */
    static final long BATCH_BYTES = 1024 * 1024;

    private final ArrayDeque<StoredMessage> ahead = new ArrayDeque<>();

    /**
     * The first message at or after {@code fromSeq} matching {@code filters} (all when empty), or
     * null when the stream holds none; it stays first until the position moves past it.
     */
    StoredMessage next(MessageStore store, List<String> filters, long fromSeq) {
        while (!ahead.isEmpty() && ahead.peekFirst().seq() < fromSeq) {
            ahead.pollFirst();
        }
        if (ahead.isEmpty()) {
            ahead.addAll(store.loadNextBatch(filters, fromSeq, BATCH_MESSAGES, BATCH_BYTES));
        }
        return ahead.peekFirst();
    }

    /** The stream removed a message: it must not go out from here. */
    void removed(long seq) {
        if (!ahead.isEmpty() && seq >= ahead.peekFirst().seq() && seq <= ahead.peekLast().seq()) {
            ahead.removeIf(m -> m.seq() == seq);
        }
    }

    /** Forgets the batch (the position moved back, the filters changed, the stream was purged). */
    void clear() {
        ahead.clear();
    }
}
