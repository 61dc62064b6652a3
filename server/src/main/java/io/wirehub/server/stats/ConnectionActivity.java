package io.wirehub.server.stats;

/**
 * One open connection's traffic counters and who it is, without its subscriptions: what the
 * dashboard reads every second to find the busiest connections, cheap enough for thousands.
 */
public record ConnectionActivity(long cid, String name, String ip, int port, long inMessages, long outMessages,
                                 long inBytes, long outBytes) {
}
