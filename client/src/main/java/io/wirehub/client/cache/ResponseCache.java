package io.wirehub.client.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Replies by request, bounded by a number of entries and by bytes (keys and replies), least
 * recently used evicted first. An entry past its freshness is never returned and is dropped when
 * met. One lock guards everything: the map, the byte count and the counters change together.
 */
final class ResponseCache {
    private final int maxEntries;
    private final long maxBytes;
    private final LongSupplier nanoClock;

    /** Access-ordered: the first entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<CacheKey, CachedReply> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by {@code this}. */
    private long bytes;
    /** Guarded by {@code this}. */
    private long hits;
    /** Guarded by {@code this}. */
    private long misses;
    /** Guarded by {@code this}. */
    private long evictions;

    ResponseCache(int maxEntries, long maxBytes, LongSupplier nanoClock) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a cache needs room for at least one entry and one byte");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.nanoClock = nanoClock;
    }

    /** The fresh reply for the key, counted as a hit; else null, counted as a miss. */
    synchronized CachedReply lookup(CacheKey key) {
        CachedReply reply = entries.get(key);
        if (reply != null && reply.freshUntilNanos() - nanoClock.getAsLong() > 0) {
            hits++;
            return reply;
        }
        if (reply != null) {
            remove(key, reply);
        }
        misses++;
        return null;
    }

    /** Stores a reply; one larger than the whole cache is not stored (it would evict everything). */
    synchronized void store(CacheKey key, CachedReply reply) {
        long size = key.size() + reply.size();
        if (size > maxBytes) {
            return;
        }
        CachedReply previous = entries.remove(key);
        if (previous != null) {
            bytes -= key.size() + previous.size();
        }
        entries.put(key, reply);
        bytes += size;
        Iterator<Map.Entry<CacheKey, CachedReply>> oldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            Map.Entry<CacheKey, CachedReply> e = oldest.next();
            bytes -= e.getKey().size() + e.getValue().size();
            oldest.remove();
            evictions++;
        }
    }

    synchronized void invalidate(CacheKey key) {
        CachedReply reply = entries.get(key);
        if (reply != null) {
            remove(key, reply);
        }
    }

    synchronized CacheStats stats() {
        return new CacheStats(hits, misses, evictions, entries.size(), bytes);
    }

    private void remove(CacheKey key, CachedReply reply) {
        entries.remove(key);
        bytes -= key.size() + reply.size();
    }
}
