package io.wirehub.server.connection;

/**
 * One open connection's traffic counters and who it is, without its subscriptions: what the
 * dashboard reads every second to find the busiest connections, cheap enough for thousands.
 */
public record ConnectionActivity(long cid, String name, String ip, int port, long inMessages, long outMessages,
                                 long inBytes, long outBytes) {

    static ConnectionActivity of(ClientConnection c) {
        String name = c.options().name();
        return new ConnectionActivity(c.id(), name == null ? "" : name, c.clientIp(),
                c.transport().remoteAddress().getPort(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes());
    }
}
