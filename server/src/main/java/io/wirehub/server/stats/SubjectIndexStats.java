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
    public static final SubjectIndexStats EMPTY = new SubjectIndexStats(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The figures of several indexes (one per account) as one, as nats-server adds them: counts
     * summed, the hit rate over all matches, the largest fan-out, the mean fan-out over all cached
     * results.
     */
    public SubjectIndexStats plus(SubjectIndexStats other) {
        long allMatches = matches + other.matches;
        double hits = cacheHitRate * matches + other.cacheHitRate * other.matches;
        int allCached = cachedSubjects + other.cachedSubjects;
        double fanOut = averageFanOut * cachedSubjects + other.averageFanOut * other.cachedSubjects;
        return new SubjectIndexStats(subscriptions + other.subscriptions, allCached, inserts + other.inserts,
                removes + other.removes, allMatches, allMatches == 0 ? 0 : hits / allMatches,
                Math.max(maxFanOut, other.maxFanOut), allCached == 0 ? 0 : fanOut / allCached);
    }
}
