package io.wirehub.server.jetstream;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Nats-Msg-Id values a stream saw within its duplicate_window, with the sequence each was
 * stored under. Ids are kept in the order they were stored, which is time order, so the expired
 * ones are always at the front. Not thread-safe: the stream's lock guards it.
 */
final class DedupeWindow {
    private record Entry(long seq, long timestampNanos) {
    }

    private final LinkedHashMap<String, Entry> ids = new LinkedHashMap<>();
    private long windowNanos;

    DedupeWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void window(long nanos) {
        windowNanos = nanos;
    }

    long window() {
        return windowNanos;
    }

    /** The sequence of an id seen within the window before {@code nowNanos}, or -1. */
    long seqOf(String id, long nowNanos) {
        expire(nowNanos);
        Entry e = ids.get(id);
        return e == null ? -1 : e.seq();
    }

    void record(String id, long seq, long timestampNanos) {
        // Re-inserted at the end, so the map stays in time order.
        ids.remove(id);
        ids.put(id, new Entry(seq, timestampNanos));
    }

    int size() {
        return ids.size();
    }

    void clear() {
        ids.clear();
    }

    /** Drops the ids whose window has passed (also done on every lookup). */
    void expire(long nowNanos) {
        Iterator<Map.Entry<String, Entry>> it = ids.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.timestampNanos() + windowNanos > nowNanos) {
                return;
            }
            it.remove();
        }
    }
}
