package io.wirehub.server.connection;

import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.ConnectionActivity;
import io.wirehub.server.stats.ConnectionSnapshot;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.SubscriptionSnapshot;
import io.wirehub.server.stats.TlsView;
import io.wirehub.server.stats.TrafficTotals;
import io.wirehub.server.stats.UnixPeer;
import io.wirehub.server.transport.PeerCredentials;
import io.wirehub.server.transport.TlsDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What monitoring keeps of a client connection: copies into the stats package's records while it
 * is open, and its record in the closed-connection log, metrics and totals once it closes.
 */
final class ConnectionRecords {
    private ConnectionRecords() {
    }

    static ConnectionSnapshot snapshot(ClientConnection c) {
        var remote = c.transport().remoteAddress();
        var options = c.options();
        AuthenticatedUser user = c.user();
        List<SubscriptionSnapshot> subs = new ArrayList<>();
        String account = c.account() == null ? null : c.account().name();
        for (Subscription s : c.subscriptions()) {
            subs.add(s.snapshot(account));
        }
        return new ConnectionSnapshot(c.id(), c.transport().type(), c.clientIp(), remote.getPort(), c.startedAt(),
                c.lastActivity(), c.closedAt(), c.closeReason() == null ? null : c.closeReason().text(), c.rtt(),
                c.pendingBytes(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes(), options.name(),
                options.lang(), options.version(), user == null ? "" : user.name(), subs,
                tls(c.transport().tls()), peer(c.transport().peerCredentials()), account);
    }

    static ConnectionActivity activity(ClientConnection c) {
        String name = c.options().name();
        return new ConnectionActivity(c.id(), name == null ? "" : name, c.clientIp(),
                c.transport().remoteAddress().getPort(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes());
    }

    /**
     * Records a connection that just closed: its final snapshot, its close reason, its traffic in
     * its transport's totals; and takes it out of the registry.
     */
    static ConnectionSnapshot closed(ClientConnection c, ConnectionServices services, CloseReason reason) {
        Observability observability = services.observability();
        ConnectionSnapshot last = snapshot(c);
        observability.closed().add(last);
        observability.metrics().closed(reason.name().toLowerCase(Locale.ROOT));
        // Out of the registry before the totals take this connection's counts: a scrape in
        // between misses them for a moment (TransportTotals keeps its counters from going back)
        // rather than counting them twice.
        services.registry().remove(c);
        observability.transports().retire(c.transport().type(), traffic(c));
        if (reason == CloseReason.SLOW_CONSUMER_PENDING_BYTES || reason == CloseReason.SLOW_CONSUMER_WRITE_DEADLINE) {
            services.stats().slowConsumer();
        }
        return last;
    }

    static TrafficTotals traffic(ClientConnection c) {
        return new TrafficTotals(c.inMessages(), c.inBytes(), c.outMessages(), c.outBytes());
    }

    private static TlsView tls(TlsDetails tls) {
        return tls == null ? null : new TlsView(tls.protocol(), tls.cipherSuite(), tls.peerCertificates());
    }

    private static UnixPeer peer(PeerCredentials peer) {
        return peer == null ? null : new UnixPeer(peer.user(), peer.group());
    }
}
