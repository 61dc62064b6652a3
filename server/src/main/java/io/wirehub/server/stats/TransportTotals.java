package io.wirehub.server.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages and bytes in and out per transport (nats, websocket...), for /metrics. Open
 * connections keep their own counters; a closing connection adds its totals here, so a scrape
 * sums the retired totals and the open connections' — the message path pays nothing extra.
 */
public final class TransportTotals {
    /** Per transport: in messages, in bytes, out messages, out bytes of closed connections. */
    private final Map<String, LongAdder[]> retired = new ConcurrentHashMap<>();
    /** Per transport: the totals last reported, so a report never goes below it. Guarded by this. */
    private final Map<String, TrafficTotals> reported = new HashMap<>();

    /** A connection of {@code transport} closed with these totals. */
    public void retire(String transport, TrafficTotals closed) {
        LongAdder[] adders = adders(transport);
        adders[0].add(closed.inMessages());
        adders[1].add(closed.inBytes());
        adders[2].add(closed.outMessages());
        adders[3].add(closed.outBytes());
    }

    /** Messages that arrived without a connection (UDP datagrams, internal clients), counted as they are routed. */
    public void addInbound(String transport, long messages, long bytes) {
        LongAdder[] adders = adders(transport);
        adders[0].add(messages);
        adders[1].add(bytes);
    }

    private LongAdder[] adders(String transport) {
        return retired.computeIfAbsent(transport,
                t -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
    }

    /**
     * Totals by transport, the open connections' (summed by the caller) included, sorted by
     * transport name. Never lower than the last report: a connection closing during the count is
     * missed for a moment, and a Prometheus counter that went back would read as a restart.
     */
    public synchronized Map<String, TrafficTotals> snapshot(Map<String, TrafficTotals> openByTransport) {
        Map<String, TrafficTotals> totals = new TreeMap<>();
        retired.forEach((type, a) -> totals.put(type,
                new TrafficTotals(a[0].sum(), a[1].sum(), a[2].sum(), a[3].sum())));
        openByTransport.forEach((type, live) -> totals.merge(type, live, TrafficTotals::plus));
        totals.replaceAll((type, now) -> reported.merge(type, now, TrafficTotals::atLeast));
        return totals;
    }
}
