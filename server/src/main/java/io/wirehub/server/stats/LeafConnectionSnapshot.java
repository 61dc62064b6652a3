package io.wirehub.server.stats;

/**
 * One leaf-node connection as /leafz shows it (nats-server LeafInfo).
 *
 * @param name          the other server's name
 * @param spoke         whether this server is the spoke on it (it dialled the hub)
 * @param account       the local account bound to it
 * @param subscriptions the other side's interest held for it (nats-server: the leaf connection's subs)
 */
public record LeafConnectionSnapshot(String name, boolean spoke, String account, String ip, int port,
                                     long inMessages, long outMessages, long inBytes, long outBytes,
                                     java.util.List<String> subscriptions) {
    public LeafConnectionSnapshot {
        subscriptions = java.util.List.copyOf(subscriptions);
    }
}
