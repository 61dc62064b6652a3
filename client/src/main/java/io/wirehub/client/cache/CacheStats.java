package io.wirehub.client.cache;

/**
 * A snapshot of a cache's counters: requests answered from it ({@code hits}, of which
 * {@code sharedHits} came from the shared bucket), requests sent on to the responder
 * ({@code misses}), entries dropped to stay in bounds, what this process holds, and how often the
 * shared bucket could not be read or written (the request was then served without it).
 */
public record CacheStats(long hits, long misses, long evictions, int entries, long bytes, long sharedHits,
        long sharedErrors) {
    /** The counters of a cache that shares nothing. */
    CacheStats(long hits, long misses, long evictions, int entries, long bytes) {
        this(hits, misses, evictions, entries, bytes, 0, 0);
    }
}
