package io.wirehub.server.stats;

/**
 * What /subsz reports about the subscription index, under nats-server's names.
 *
 * @param subscriptions num_subscriptions
 * @param cachedSubjects num_cache
 * @param cacheHitRate   cache_hit_rate, 0 to 1
 * @param maxFanOut      max_fanout over cached results
 * @param averageFanOut  avg_fanout over cached results
 */
public record SubjectIndexStats(int subscriptions, int cachedSubjects, long inserts, long removes, long matches,
                                double cacheHitRate, int maxFanOut, double averageFanOut) {
}
