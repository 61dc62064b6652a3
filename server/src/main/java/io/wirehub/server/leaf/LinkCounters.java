package io.wirehub.server.leaf;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counted over all the connections of one remote (or of the spokes of one account), so
 * /metrics keeps counting across reconnects where /leafz shows one connection's. Thread-safe:
 * publishers add out, the link's reader adds in.
 */
final class LinkCounters {
    final LongAdder inMessages = new LongAdder();
    final LongAdder inBytes = new LongAdder();
    final LongAdder outMessages = new LongAdder();
    final LongAdder outBytes = new LongAdder();
    final LongAdder connects = new LongAdder();
    /** Links up now. */
    final AtomicInteger connections = new AtomicInteger();
}
