package io.wirehub.server.connection;

import java.util.Collection;
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
    /** Counters of one transport. */
    public record Totals(long inMessages, long inBytes, long outMessages, long outBytes) {
        /** Field by field, the larger of the two. */
        Totals atLeast(Totals other) {
            return new Totals(Math.max(inMessages, other.inMessages), Math.max(inBytes, other.inBytes),
                    Math.max(outMessages, other.outMessages), Math.max(outBytes, other.outBytes));
        }

        Totals plus(Totals other) {
            return new Totals(inMessages + other.inMessages, inBytes + other.inBytes,
                    outMessages + other.outMessages, outBytes + other.outBytes);
        }
    }

    /** Per transport: in messages, in bytes, out messages, out bytes of closed connections. */
    private final Map<String, LongAdder[]> retired = new ConcurrentHashMap<>();

    void retire(ClientConnection closed) {
        LongAdder[] adders = retired.computeIfAbsent(closed.transport().type(),
                t -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
        adders[0].add(closed.inMessages());
        adders[1].add(closed.inBytes());
        adders[2].add(closed.outMessages());
        adders[3].add(closed.outBytes());
    }

    /** Messages that arrived without a connection (UDP datagrams), counted as they are routed. */
    public void addInbound(String transport, long messages, long bytes) {
        LongAdder[] adders = retired.computeIfAbsent(transport,
                t -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
        adders[0].add(messages);
        adders[1].add(bytes);
    }

    /** Per transport: the totals last reported, so a report never goes below it. Guarded by this. */
    private final Map<String, Totals> reported = new HashMap<>();

    /**
     * Totals by transport, open connections included, sorted by transport name. Never lower than
     * the last report: a connection closing during the count is missed for a moment, and a
     * Prometheus counter that went back would read as a restart.
     */
    public synchronized Map<String, Totals> snapshot(Collection<ClientConnection> open) {
        Map<String, Totals> totals = new TreeMap<>();
        retired.forEach((type, a) -> totals.put(type, new Totals(a[0].sum(), a[1].sum(), a[2].sum(), a[3].sum())));
        for (ClientConnection c : open) {
            Totals live = new Totals(c.inMessages(), c.inBytes(), c.outMessages(), c.outBytes());
            totals.merge(c.transport().type(), live, Totals::plus);
        }
        totals.replaceAll((type, now) -> reported.merge(type, now, Totals::atLeast));
        return totals;
    }
}
