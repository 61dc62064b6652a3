package io.wirehub.server.connection;

import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.transport.PeerCredentials;
import io.wirehub.server.transport.TlsDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection as monitoring shows it (nats-server's ConnInfo), frozen at a moment: taken for
 * open connections on request, and once at close for the closed-connections log.
 *
 * @param stop   null while open
 * @param reason the close reason's text, null while open
 * @param tls    what TLS negotiated, or null without TLS
 * @param peer   the Unix socket peer's user and group, or null for any other transport
 */
public record ConnectionSnapshot(
        long cid, String type, String ip, int port, Instant start, Instant lastActivity, Instant stop,
        String reason, Duration rtt, long pendingBytes, long inMessages, long outMessages, long inBytes,
        long outBytes, String name, String lang, String version, String authorizedUser,
        List<SubscriptionSnapshot> subscriptions, TlsDetails tls, PeerCredentials peer) {

    /** One subscription as /connz and /subsz list it. */
    public record SubscriptionSnapshot(String subject, String queue, String sid, long messages, long max, long cid) {
        static SubscriptionSnapshot of(Subscription s, long cid) {
            return new SubscriptionSnapshot(s.subject(), s.queue(), s.sid(), s.delivered(), s.maxMessages(), cid);
        }
    }

    static ConnectionSnapshot of(ClientConnection c) {
        var remote = c.transport().remoteAddress();
        var options = c.options();
        AuthenticatedUser user = c.user();
        List<SubscriptionSnapshot> subs = new ArrayList<>();
        for (Subscription s : c.subscriptions()) {
            subs.add(SubscriptionSnapshot.of(s, c.id()));
        }
        return new ConnectionSnapshot(c.id(), c.transport().type(), c.clientIp(), remote.getPort(), c.startedAt(),
                c.lastActivity(), c.closedAt(), c.closeReason() == null ? null : c.closeReason().text(), c.rtt(),
                c.pendingBytes(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes(), options.name(),
                options.lang(), options.version(), user == null ? "" : user.name(), List.copyOf(subs),
                c.transport().tls(), c.transport().peerCredentials());
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public boolean isOpen() {
        return stop == null;
    }
}
