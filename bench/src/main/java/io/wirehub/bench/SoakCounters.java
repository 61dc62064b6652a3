package io.wirehub.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's clients did so far, counted by every load thread and read by the sampler once
 * an interval. Each field is a {@link LongAdder}: written by many threads, read as a total.
 */
final class SoakCounters {
    /** Replies received by the requesters. */
    final LongAdder requests = new LongAdder();
    /** File bytes moved through the Object Store bucket, put and got. */
    final LongAdder fileBytes = new LongAdder();
    /** Files uploaded, downloaded, compared and deleted. */
    final LongAdder files = new LongAdder();
    /** Messages the subscribers of the pub/sub load received. */
    final LongAdder delivered = new LongAdder();
    /** Connect, subscribe, publish, receive, close rounds of the connection churn. */
    final LongAdder churned = new LongAdder();
    /** Times the slow consumer lost its connection (the server cut it off) and came back. */
    final LongAdder slowCutOffs = new LongAdder();
    /** JetStream publishes acknowledged by the server. */
    final LongAdder jsPublished = new LongAdder();
    /** JetStream messages fetched by the pull consumer and acknowledged. */
    final LongAdder jsConsumed = new LongAdder();
    /** Load steps that failed other than by the slow consumer's expected cut-off. */
    final LongAdder errors = new LongAdder();
    /** The last such failure, for the summary. */
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void failed(String load, Exception e) {
        errors.increment();
        lastError.set(load + ": " + e);
    }

    String lastError() {
        return lastError.get();
    }
}
