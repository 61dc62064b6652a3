package io.wirehub.server.jetstream.store;

/**
 * A copy of a store's counters, as STREAM.INFO reports them. An empty store has
 * {@code firstSeq == lastSeq + 1} (nats-server's convention, so a stream purged at 10 reports
 * first 11, last 10) and times of 0.
 *
 * @param numDeleted the holes between firstSeq and lastSeq
 */
public record StoreState(long msgs, long bytes, long firstSeq, long firstTimeNanos, long lastSeq, long lastTimeNanos,
        long numDeleted, long numSubjects) {
}
