package io.wirehub.client.cache;

/** A snapshot of a cache's counters: requests answered from it, requests sent on, what it holds. */
public record CacheStats(long hits, long misses, long evictions, int entries, long bytes) {
}
