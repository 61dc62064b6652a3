package io.wirehub.server.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One connection as monitoring shows it (nats-server's ConnInfo), frozen at a moment: taken for
 * open connections on request, and once at close for the closed-connections log.
 *
 * @param stop   null while open
 * @param reason the close reason's text, null while open
 * @param tls    what TLS negotiated, or null without TLS
 * @param peer   the Unix socket peer's user and group, or null for any other transport
 * @param account the client's account, or null before it authenticated
 */
public record ConnectionSnapshot(
        long cid, String type, String ip, int port, Instant start, Instant lastActivity, Instant stop,
        String reason, Duration rtt, long pendingBytes, long inMessages, long outMessages, long inBytes,
        long outBytes, String name, String lang, String version, String authorizedUser,
        List<SubscriptionSnapshot> subscriptions, TlsView tls, UnixPeer peer, String account) {

    public ConnectionSnapshot {
        subscriptions = List.copyOf(subscriptions);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public boolean isOpen() {
        return stop == null;
    }
}
