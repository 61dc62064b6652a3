package io.wirehub.server.leaf;

import io.wirehub.server.account.Account;
import io.wirehub.server.account.Accounts;
import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.config.LeafRemoteConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.server.stats.LeafConnectionSnapshot;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.transport.tls.ClientTlsContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This server as a leaf node: one {@link RemoteLeaf} per configured remote, each bound to a local
 * account. Immutable after {@link #start}; the remotes run on their own threads.
 */
public final class LeafNodes implements AutoCloseable {
    private static final char[] NUID_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final List<RemoteLeaf> remotes;
    /** Null unless this server accepts leaf connections. */
    private final LeafAcceptor acceptor;

    private LeafNodes(List<RemoteLeaf> remotes, LeafAcceptor acceptor) {
        this.remotes = remotes;
        this.acceptor = acceptor;
    }

    /**
     * Starts dialling every remote of the config.
     *
     * @throws IllegalArgumentException when a remote names an account that does not exist
     */
    public static LeafNodes start(ServerConfig config, Accounts accounts, String serverId, String serverName,
                                  ServerStats stats) {
        List<RemoteLeaf> remotes = new ArrayList<>();
        Map<String, String> loopSubjects = new HashMap<>();
        for (LeafRemoteConfig remote : config.leafNodes().remotes()) {
            Account account = accounts.get(remote.account());
            if (account == null) {
                throw new IllegalArgumentException("cannot find local account \"" + remote.account()
                        + "\" specified in leafnode remote");
            }
            // One $LDS subject per account (nats-server acc.lds): the same on every link of it.
            String loopSubject = loopSubjects.computeIfAbsent(remote.account(), a -> "$LDS." + nuid());
            LeafLinkSettings settings = new LeafLinkSettings(serverId, Objects.requireNonNullElse(serverName, serverId),
                    remote, account.router(), new LocalInterest(), loopSubject, config.pingInterval(),
                    config.pingMax(), config.maxPending(), config.maxControlLine(),
                    ClientTlsContext.of(remote.tls() != null ? remote.tls() : TlsConfig.OFF), remote.tls() != null, stats,
                    config.maxPayload());
            remotes.add(new RemoteLeaf(settings, config.leafNodes().reconnect()));
        }
        remotes.forEach(RemoteLeaf::start);
        LeafAcceptor acceptor = null;
        LeafNodesConfig leaf = config.leafNodes();
        if (leaf.accepting()) {
            Account account = accounts.get(leaf.account());
            if (account == null) {
                throw new IllegalArgumentException("cannot find local account \"" + leaf.account()
                        + "\" specified in leafnode authorization");
            }
            String loopSubject = loopSubjects.computeIfAbsent(leaf.account(), a -> "$LDS." + nuid());
            LeafRemoteConfig bound = new LeafRemoteConfig(List.of(), leaf.account(), List.of(), List.of(), true,
                    LeafRemoteConfig.DEFAULT_FIRST_INFO_TIMEOUT, null);
            LeafLinkSettings settings = new LeafLinkSettings(serverId, Objects.requireNonNullElse(serverName, serverId),
                    bound, account.router(), null, loopSubject, config.pingInterval(), config.pingMax(),
                    config.maxPending(), config.maxControlLine(), null, false, stats, config.maxPayload());
            AtomicLong ids = new AtomicLong(1000);
            LeafAcceptor[] started = new LeafAcceptor[1];
            started[0] = LeafAcceptor.start(leaf.host(), leaf.port(), socket -> new LeafSession(settings, socket,
                    new LeafSession.AcceptSettings(leaf.user(), leaf.password(),
                            advertised(leaf.host(), started[0] != null ? started[0].port() : leaf.port()),
                            ConnectMessage.CLAIMED_VERSION),
                    ids.incrementAndGet()));
            acceptor = started[0];
        }
        return new LeafNodes(List.copyOf(remotes), acceptor);
    }

    /** The leafnode URL this server gives spokes (nats-server leafnode_urls): its listen address. */
    private static String advertised(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return shown + ":" + port;
    }

    private static String nuid() {
        SecureRandom random = new SecureRandom();
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = NUID_ALPHABET[random.nextInt(NUID_ALPHABET.length)];
        }
        return new String(id);
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

    @Override
    public void close() {
        remotes.forEach(RemoteLeaf::close);
        if (acceptor != null) {
            acceptor.close();
        }
    }
}
