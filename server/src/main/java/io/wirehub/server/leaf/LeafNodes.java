package io.wirehub.server.leaf;

import io.wirehub.server.account.Account;
import io.wirehub.server.account.Accounts;
import io.wirehub.server.auth.Authenticator;
import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.config.LeafRemoteConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.server.stats.LeafConnectionSnapshot;
import io.wirehub.server.stats.LeafLinkFigures;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.transport.tls.ClientTlsContext;
import io.wirehub.server.transport.tls.ServerTlsContext;
import io.wirehub.server.util.NuidLike;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This server as a leaf node: one {@link RemoteLeaf} per configured remote, each bound to a local
 * account. Immutable after {@link #start}; the remotes run on their own threads.
 */
public final class LeafNodes implements AutoCloseable {
    private final List<RemoteLeaf> remotes;
    /** Null unless this server accepts leaf connections. */
    private final LeafAcceptor acceptor;
    /** The accepted spokes' settings by bound account (concurrent: filled as spokes arrive). */
    private final Map<String, LeafLinkSettings> spokeSettings;

    private LeafNodes(List<RemoteLeaf> remotes, LeafAcceptor acceptor, Map<String, LeafLinkSettings> spokeSettings) {
        this.remotes = remotes;
        this.acceptor = acceptor;
        this.spokeSettings = spokeSettings;
    }

    /**
     * Starts dialling every remote of the config, and accepting spokes when it has a leafnode port.
     *
     * @param inherited the leafnode port's socket bound before start where the config says (see
     *                  {@code listen.BoundSockets}); null to bind one
     * @throws IllegalArgumentException when a remote names an account that does not exist
     */
    public static LeafNodes start(ServerConfig config, Accounts accounts, String serverId, String serverName,
                                  ServerStats stats, Supplier<Authenticator> clients,
                                  ServerSocketChannel inherited) {
        List<RemoteLeaf> remotes = new ArrayList<>();
        Map<String, String> loopSubjects = new HashMap<>();
        for (LeafRemoteConfig remote : config.leafNodes().remotes()) {
            Account account = accounts.get(remote.account());
            if (account == null) {
                throw new IllegalArgumentException("cannot find local account \"" + remote.account()
                        + "\" specified in leafnode remote");
            }
            // One $LDS subject per account (nats-server acc.lds): the same on every link of it.
            String loopSubject = loopSubjects.computeIfAbsent(remote.account(), a -> "$LDS." + NuidLike.next());
            LeafLinkSettings settings = new LeafLinkSettings(serverId, Objects.requireNonNullElse(serverName, serverId),
                    remote, account.router(), LocalInterest.towardsHub(), loopSubject, config.pingInterval(),
                    config.pingMax(), config.maxPending(), config.maxControlLine(),
                    ClientTlsContext.of(remote.tls() != null ? remote.tls() : TlsConfig.OFF), remote.tls() != null, stats,
                    config.maxPayload(), subscriptionLimit(config, account), new LinkCounters(),
                    config.writeDeadline());
            remotes.add(new RemoteLeaf(settings, config.leafNodes().reconnect()));
        }
        remotes.forEach(RemoteLeaf::start);
        LeafAcceptor acceptor = null;
        LeafNodesConfig leaf = config.leafNodes();
        Map<String, LeafLinkSettings> spokeSettings = new ConcurrentHashMap<>();
        if (leaf.accepting()) {
            acceptor = accept(config, accounts, serverId, Objects.requireNonNullElse(serverName, serverId), stats,
                    clients, loopSubjects, spokeSettings, inherited);
        }
        return new LeafNodes(List.copyOf(remotes), acceptor, spokeSettings);
    }

    /**
     * Opens the leafnode port: each spoke is admitted by a {@link SpokeHandshake} and bound to the
     * account its credentials name, with that account's settings (made once per account).
     */
    private static LeafAcceptor accept(ServerConfig config, Accounts accounts, String serverId, String name,
                                       ServerStats stats, Supplier<Authenticator> clients,
                                       Map<String, String> loopSubjects, Map<String, LeafLinkSettings> byAccount,
                                       ServerSocketChannel inherited) {
        LeafNodesConfig leaf = config.leafNodes();
        for (String named : boundAccounts(leaf)) {
            if (accounts.get(named) == null) {
                throw new IllegalArgumentException("cannot find local account \"" + named
                        + "\" specified in leafnode authorization");
            }
        }
        Function<String, LeafLinkSettings> settingsFor = accountName -> {
            Account account = accounts.get(accountName);
            if (account == null) {
                return null;
            }
            return byAccount.computeIfAbsent(accountName, a -> {
                String loopSubject;
                synchronized (loopSubjects) { // shared with the remotes' subjects, filled before
                    loopSubject = loopSubjects.computeIfAbsent(a, x -> "$LDS." + NuidLike.next());
                }
                LeafRemoteConfig bound = new LeafRemoteConfig(List.of(), a, List.of(), List.of(), true,
                        LeafRemoteConfig.DEFAULT_FIRST_INFO_TIMEOUT, null);
                return new LeafLinkSettings(serverId, name, bound, account.router(), null, loopSubject,
                        config.pingInterval(), config.pingMax(), config.maxPending(), config.maxControlLine(), null,
                        false, stats, config.maxPayload(), subscriptionLimit(config, account), new LinkCounters(),
                    config.writeDeadline());
            });
        };
        ServerTlsContext tls = leaf.tls() != null ? ServerTlsContext.of(leaf.tls()) : null;
        SpokeAuthorization authorization = new SpokeAuthorization(leaf, clients);
        AtomicLong ids = new AtomicLong(1000);
        LeafAcceptor[] started = new LeafAcceptor[1];
        started[0] = LeafAcceptor.start(leaf.host(), leaf.port(), inherited, stream -> {
            HubInfo info = new HubInfo(serverId, name, ConnectMessage.CLAIMED_VERSION, config.maxPayload(),
                    advertised(leaf.host(), started[0] != null ? started[0].port() : leaf.port()), tls != null,
                    tls != null && tls.config().verifiesClients());
            SpokeHandshake handshake = new SpokeHandshake(info, tls, authorization,
                    Math.max(config.maxControlLine(), 1 << 20));
            long id = ids.incrementAndGet();
            SpokeHandshake.Joined joined = handshake.run(stream, id);
            if (joined == null) {
                return null;
            }
            LeafLinkSettings settings = settingsFor.apply(joined.admitted().account());
            if (settings == null) {
                // A client user of an account that is gone (a reload): as if the credentials failed.
                joined.stream().close();
                return null;
            }
            return new LeafSession(settings, joined, info, id);
        });
        return started[0];
    }

    /**
     * The interest one link may make this server hold, as nats-server's applyAccountLimits has it
     * for a leaf connection: the lower of the server's max_subscriptions (0: none) and the
     * account's (-1: none), read at each check so an account JWT update applies.
     */
    private static java.util.function.IntSupplier subscriptionLimit(ServerConfig config, Account account) {
        int server = config.maxSubscriptions() == 0 ? -1 : config.maxSubscriptions();
        return () -> {
            int accountLimit = account.limits().maxSubscriptions();
            if (accountLimit < 0) {
                return server;
            }
            return server < 0 ? accountLimit : Math.min(server, accountLimit);
        };
    }

    private static List<String> boundAccounts(LeafNodesConfig leaf) {
        List<String> named = new ArrayList<>();
        named.add(leaf.account());
        leaf.users().forEach(u -> named.add(u.account()));
        return named;
    }

    /** The leafnode URL this server gives spokes (nats-server leafnode_urls): its listen address. */
    private static String advertised(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return shown + ":" + port;
    }

    /**
     * Takes a WebSocket upgraded on {@code /leafnode} of the websocket listener as a spoke's
     * connection: the same handshake and session as on the leafnode port, carried in binary
     * frames (nats-server createLeafNode with a websocket).
     *
     * @param upgraded the connection after the 101
     * @return false when this server does not accept leaf connections (no leafnodes port), as
     *         nats-server then refuses them; the caller closes the connection
     */
    public boolean acceptWebSocket(io.wirehub.server.transport.Transport upgraded) {
        if (acceptor == null) {
            return false;
        }
        acceptor.adopt(new WebSocketLeafStream(upgraded));
        return true;
    }

    /** The leaf connections that are up, for /leafz and /varz. */
    public List<LeafConnectionSnapshot> connections() {
        List<LeafConnectionSnapshot> up = new ArrayList<>();
        for (RemoteLeaf remote : remotes) {
            LeafConnectionSnapshot snapshot = remote.snapshot();
            if (snapshot != null) {
                up.add(snapshot);
            }
        }
        if (acceptor != null) {
            up.addAll(acceptor.connections());
        }
        return up;
    }

    /** Traffic per configured remote and per account of accepted spokes, for /metrics. */
    public List<LeafLinkFigures> figures() {
        List<LeafLinkFigures> figures = new ArrayList<>();
        for (RemoteLeaf remote : remotes) {
            figures.add(figuresOf(remote.label(), remote.settings()));
        }
        spokeSettings.forEach((account, settings) -> figures.add(figuresOf("spokes", settings)));
        return figures;
    }

    private static LeafLinkFigures figuresOf(String label, LeafLinkSettings settings) {
        LinkCounters c = settings.counters();
        return new LeafLinkFigures(label, settings.remote().account(), c.connections.get(), c.connects.sum(),
                c.inMessages.sum(), c.outMessages.sum(), c.inBytes.sum(), c.outBytes.sum());
    }

    @Override
    public void close() {
        remotes.forEach(RemoteLeaf::close);
        if (acceptor != null) {
            acceptor.close();
        }
    }
}
