package io.wirehub.server.stats;

import java.util.concurrent.atomic.LongAdder;

/** What happened to the datagrams the UDP listener received. Written by the listener's thread. */
public final class DatagramStats {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder pongs = new LongAdder();

    /**
     * The counts at one moment.
     *
     * @param accepted    datagrams whose ops were all routed (or answered)
     * @param rateLimited dropped: over the per-source rate
     * @param malformed   dropped: not whole, well-formed PUB/HPUB/PING ops
     * @param refused     dropped: a subject UDP may not publish to
     * @param pongs       PONG datagrams sent in answer to PING
     */
    public record Counts(long accepted, long rateLimited, long malformed, long refused, long pongs) {
        public long dropped() {
            return rateLimited + malformed + refused;
        }
    }

    public void accepted() {
        accepted.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void malformed() {
        malformed.increment();
    }

    public void refused() {
        refused.increment();
    }

    public void pongSent() {
        pongs.increment();
    }

    public Counts snapshot() {
        return new Counts(accepted.sum(), rateLimited.sum(), malformed.sum(), refused.sum(), pongs.sum());
    }
}
