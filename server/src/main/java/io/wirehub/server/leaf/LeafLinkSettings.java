package io.wirehub.server.leaf;

import io.wirehub.server.config.LeafRemoteConfig;
import io.wirehub.server.routing.Router;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.transport.tls.ClientTlsContext;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What every connection of one remote shares.
 *
 * @param serverId     this server's id, sent in CONNECT
 * @param serverName   this server's name, sent as CONNECT name and cluster (as a standalone
 *                     nats-server with remotes does)
 * @param remote       the configured remote
 * @param router       the bound local account's router
 * @param loopSubject  this server's {@code $LDS.<id>} for the account
 * @param tls          TLS to the hub: the remote's {@code tls {}}, or the JDK's roots when only the
 *                     hub asks for TLS
 * @param tlsWanted    whether the remote has a {@code tls {}} block (TLS even if the hub does not ask)
 * @param stats        the server's totals, which count leaf traffic as nats-server's do
 * @param maxPayload   the largest message accepted from the hub
 * @param maxSubscriptions the interest the other side may make this server hold for the link, -1
 *                     for no limit: the lower of the server's and the account's max_subscriptions
 *                     now (an account JWT update may change it)
 * @param counters     traffic over every connection of the remote (or the account's spokes)
 * @param writeDeadline the longest one socket write may block before the link is closed as a
 *                     slow consumer (the server's write_deadline)
 */
record LeafLinkSettings(String serverId, String serverName, LeafRemoteConfig remote, Router router,
                        LocalInterest interest, String loopSubject, Duration pingInterval, int pingMax,
                        long maxPending, int maxControlLine, ClientTlsContext tls, boolean tlsWanted,
                        ServerStats stats, int maxPayload, IntSupplier maxSubscriptions, LinkCounters counters,
                        Duration writeDeadline) {
}
