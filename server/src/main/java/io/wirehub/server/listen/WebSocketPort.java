package io.wirehub.server.listen;

import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.transport.TcpTransport;
import io.wirehub.server.transport.Transport;
import io.wirehub.server.transport.tls.ServerTlsContext;
import io.wirehub.server.transport.tls.TlsSetupException;
import io.wirehub.server.transport.tls.TlsTransport;
import io.wirehub.server.transport.websocket.HandshakeResult;
import io.wirehub.server.transport.websocket.WebSocketHandshake;
import io.wirehub.server.transport.websocket.WebSocketSettings;
import io.wirehub.server.transport.websocket.WebSocketTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the WebSocket port does with an accepted connection: TLS first (wss), then the HTTP
 * upgrade on a virtual thread of its own, bounded by the handshake timeout; only a connection
 * whose upgrade was accepted becomes a client. A refused upgrade gets its HTTP error and is
 * closed: it never counts as a client connection.
 */
final class WebSocketPort implements Consumer<TcpTransport> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketPort.class);
    /**
     * Upgrades in progress at once. Each holds a small buffer for at most the handshake timeout;
     * past this a flood of silent connections is closed on arrival instead of piling up.
     */
    static final int MAX_PENDING_UPGRADES = 4096;
    /** The path that makes an upgrade a leaf connection (nats-server leafNodeWSPath). */
    static final String LEAF_PATH = "/leafnode";
    /**
     * Room past max_payload in one WebSocket message: clients send each flush of their outbound
     * buffer as one message (jnats up to its 64 KiB buffer, or one large message with its line;
     * nats.ws about 32 KiB), so a legitimate message never exceeds max_payload plus this.
     */
    private static final int BATCH_MARGIN = 128 * 1024;

    private final ConnectionServices services;
    private final WebSocketConfig config;
    private final WebSocketHandshake handshake;
    private final WebSocketSettings settings;
    /**
     * The settings of a leaf connection on {@code /leafnode}: nats-server sends a leaf's whole
     * pending output as one message, so the cap is far above max_payload (each LMSG in it is still
     * checked against max_payload).
     */
    private final WebSocketSettings leafSettings;
    /** Takes an upgraded {@code /leafnode} connection; false when this server accepts no leafs. */
    private final Predicate<Transport> leafs;
    /** Null for ws://. Replaced by {@link #reloadTls} (SIGHUP); each accept reads it once. */
    private volatile ServerTlsContext tls;
    /** Set once the listener is bound (the INFO names its port). */
    private volatile ServerInfo info;
    private final Semaphore pendingUpgrades = new Semaphore(MAX_PENDING_UPGRADES);
    private final LongAdder refusedUpgrades = new LongAdder();

    /** @throws ConfigException when the listener's TLS files are unusable */
    WebSocketPort(WebSocketConfig config, ConnectionServices services) {
        this(config, services, upgraded -> false);
    }

    /**
     * @param leafs takes a connection upgraded on {@code /leafnode} as a leaf spoke's; returns
     *              false when this server does not accept leaf connections
     * @throws ConfigException when the listener's TLS files are unusable
     */
    WebSocketPort(WebSocketConfig config, ConnectionServices services, Predicate<Transport> leafs) {
        this.services = services;
        this.config = config;
        this.leafs = leafs;
        this.settings = new WebSocketSettings(config.compression(), config.sameOrigin(), config.allowedOrigins(),
                config.handshakeTimeout(), (long) services.config().maxPayload() + BATCH_MARGIN,
                WebSocketSettings.DEFAULT_MAX_HANDSHAKE_BYTES);
        this.leafSettings = new WebSocketSettings(config.compression(), config.sameOrigin(), config.allowedOrigins(),
                config.handshakeTimeout(), Math.max((long) services.config().maxPayload() * 4, 64L << 20),
                WebSocketSettings.DEFAULT_MAX_HANDSHAKE_BYTES);
        this.handshake = new WebSocketHandshake(settings);
        if (config.tls().enabled()) {
            try {
                tls = ServerTlsContext.of(config.tls());
            } catch (TlsSetupException e) {
                throw new ConfigException("websocket: " + e.getMessage());
            }
        } else {
            tls = null;
        }
        this.info = services.info();
    }

    /**
     * Reads the wss certificate, key and CA files again (SIGHUP), as the client port does: new
     * connections get the renewed certificate, open ones keep theirs. Turning TLS on or off, or
     * asking for client certificates, takes a restart.
     *
     * @return false when there is nothing to reload or the change needs a restart
     * @throws ConfigException naming the file when the new files are unusable; the old ones stay
     */
    boolean reloadTls(WebSocketConfig next) {
        ServerTlsContext current = tls;
        if (current == null || !next.tls().enabled()
                || current.config().verifiesClients() != next.tls().verifiesClients()) {
            return false;
        }
        try {
            tls = ServerTlsContext.of(next.tls());
        } catch (TlsSetupException e) {
            throw new ConfigException("websocket: " + e.getMessage());
        }
        return true;
    }

    /** Called once the listener is bound: WebSocket clients' INFO names its host and port. */
    void listening(int port) {
        info = services.info().withListener(config.host(), port);
    }

    /** Upgrades refused (bad request, origin, timeout, too many at once) since start. */
    long refusedUpgrades() {
        return refusedUpgrades.sum();
    }

    /**
     * Whether a request path asks for a leaf connection: nats-server 2.9 matches {@code /leafnode}
     * as a prefix (a spoke appends its URL's path to it), later versions as a suffix (behind a
     * proxy that adds a prefix); either is taken.
     */
    static boolean isLeafPath(String path) {
        return path.startsWith(LEAF_PATH) || path.endsWith(LEAF_PATH);
    }

    @Override
    public void accept(TcpTransport accepted) {
        if (!pendingUpgrades.tryAcquire()) {
            refusedUpgrades.increment();
            LOG.warn("{} - WebSocket upgrade refused: {} upgrades already in progress",
                    accepted.remoteAddress(), MAX_PENDING_UPGRADES);
            accepted.close();
            return;
        }
        Transport underlying = tls == null ? accepted
                : new TlsTransport(accepted, tls, TlsTransport.Order.HANDSHAKE_FIRST, Duration.ZERO,
                        services.scheduler());
        Thread.ofVirtual().name("wirehub-ws-upgrade").start(() -> upgrade(underlying));
    }

    private void upgrade(Transport transport) {
        HandshakeResult result;
        try {
            result = handshake.perform(transport, services.scheduler());
        } catch (IOException e) {
            refusedUpgrades.increment();
            LOG.debug("{} - WebSocket upgrade failed: {}", transport.remoteAddress(), e.getMessage());
            transport.close();
            return;
        } finally {
            pendingUpgrades.release();
        }
        if (result instanceof HandshakeResult.Refused refused) {
            refusedUpgrades.increment();
            LOG.debug("{} - WebSocket upgrade refused: {} {}", transport.remoteAddress(), refused.status(),
                    refused.reason());
            transport.close();
            return;
        }
        HandshakeResult.Accepted upgrade = (HandshakeResult.Accepted) result;
        if (isLeafPath(upgrade.path())) {
            // nats-server wsUpgrade: the path makes it a leaf connection; without a leafnodes port
            // the upgrade (already answered with its 101) is closed without a word.
            if (!leafs.test(new WebSocketTransport(transport, upgrade, leafSettings))) {
                LOG.error("{} - Not configured to accept leaf node connections", transport.remoteAddress());
                transport.close();
            }
            return;
        }
        ClientConnection.accept(new WebSocketTransport(transport, upgrade, settings), services, info);
    }
}
