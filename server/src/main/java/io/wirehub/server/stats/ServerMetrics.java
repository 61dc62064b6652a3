package io.wirehub.server.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurements that need more than a counter: how long things take (histograms) and why
 * connections end. Observed by the connection code, exported by the monitor's /metrics. Close
 * reasons come from a fixed, small set, so they may label a metric.
 *
 * <p>Thread-safe: histograms and adders are.
 */
public final class ServerMetrics {
    private final LatencyHistogram connectionSetup = new LatencyHistogram();
    private final LatencyHistogram requestReply = new LatencyHistogram();
    private final LatencyHistogram roundTrip = new LatencyHistogram();
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();

    /** Time from accepting a connection to its CONNECT being processed. */
    public void connectionSetUp(long nanos) {
        connectionSetup.observeNanos(nanos);
    }

    /** Time from a publish with a reply subject to the first message on that reply subject. */
    public void requestAnswered(long nanos) {
        requestReply.observeNanos(nanos);
    }

    /** Round trip of one of the server's PINGs to a client. */
    public void roundTrip(long nanos) {
        roundTrip.observeNanos(nanos);
    }

    /** @param reason a close reason's name: a fixed, small set of label values */
    public void closed(String reason) {
        closes.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public LatencyCounts connectionSetup() {
        return connectionSetup.snapshot();
    }

    public LatencyCounts requestReply() {
        return requestReply.snapshot();
    }

    public LatencyCounts roundTrip() {
        return roundTrip.snapshot();
    }

    /** Connections closed so far, by reason, sorted by reason. */
    public Map<String, Long> closesByReason() {
        Map<String, Long> counts = new TreeMap<>();
        closes.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }
}
