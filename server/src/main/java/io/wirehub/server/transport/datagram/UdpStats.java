package io.wirehub.server.transport.datagram;

import java.util.concurrent.atomic.LongAdder;

/** What happened to the datagrams the UDP listener received, for /metrics. */
public final class UdpStats {
    final LongAdder accepted = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder pongs = new LongAdder();

    /** Datagrams whose ops were all routed (or answered). */
    public long accepted() {
        return accepted.sum();
    }

    /** Dropped: over the per-source rate. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Dropped: not whole, well-formed PUB/HPUB/PING ops. */
    public long malformed() {
        return malformed.sum();
    }

    /** Dropped: a subject UDP may not publish to. */
    public long refused() {
        return refused.sum();
    }

    /** PONG datagrams sent in answer to PING. */
    public long pongs() {
        return pongs.sum();
    }

    public long dropped() {
        return rateLimited() + malformed() + refused();
    }
}
