package io.wirehub.server;

import io.wirehub.server.account.Account;
import io.wirehub.server.account.Accounts;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.ConnectionAdmission;
import io.wirehub.server.account.Account;
import io.wirehub.server.auth.ClaimsUpdates;
import io.wirehub.server.auth.OperatorMode;
import io.wirehub.server.auth.Permissions;
import io.wirehub.server.lifecycle.ClaimsRequestSink;
import io.wirehub.server.lifecycle.JwtAccountUpdates;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.Defaults;
import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.BufferPool;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.CloseReason;
import io.wirehub.server.connection.ConnectionRegistry;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.connection.HandshakeLoad;
import io.wirehub.server.connection.SecurityRecheck;
import io.wirehub.server.leaf.LeafNodes;
import io.wirehub.server.jetstream.JetStream;
import io.wirehub.server.lifecycle.ConnectionWarmUp;
import io.wirehub.server.lifecycle.LameDuckMode;
import io.wirehub.server.lifecycle.MonitoredServer;
import io.wirehub.server.lifecycle.RestartOnlySettings;
import io.wirehub.server.lifecycle.ServerIdentity;
import io.wirehub.server.lifecycle.ServerState;
import io.wirehub.server.listen.Addresses;
import io.wirehub.server.listen.BoundSockets;
import io.wirehub.server.listen.ClientPort;
import io.wirehub.server.listen.Listener;
import io.wirehub.server.listen.Listeners;
import io.wirehub.server.listen.RunningListeners;
import io.wirehub.server.monitor.MonitorDocuments;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.Router;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.system.SystemRequest;
import io.wirehub.server.system.SystemService;
import io.wirehub.server.transport.TcpListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Wirehub server. Start one inside any JVM:
 *
 * <pre>{@code
 * try (Wirehub server = Wirehub.start()) {          // 127.0.0.1, a free port
 *     Connection nc = Nats.connect(server.clientUrl());
 *     ...
 * }
 * }</pre>
 *
 * {@link #close()} stops it: listeners close, every client is closed after its queued output is
 * flushed (bounded by the write deadline and one second), timers stop.
 *
 * <p>This class wires the parts together and runs their start and stop in order; what each part
 * does lives in its package (docs/architecture.md).
 */
public final class Wirehub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wirehub.class);
    /** Chunks of 16 KiB; up to 64 MiB of them kept idle for reuse. */
    private static final int CHUNK_SIZE = 16 * 1024;
    private static final int MAX_POOLED_CHUNKS = 4096;
    /** How long close() waits for clients' queued output to drain. */
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final ServerInfo info;
    private final ConnectionServices services;
    private final ClientPort clientPort;
    private final TcpListener clientListener;
    /** Sockets bound before start for the other listeners; used up by run(). */
    private final BoundSockets bound;
    private final ScheduledExecutorService scheduler;
    private final ServerState state = new ServerState();
    private final RunningListeners listeners = new RunningListeners();
    /** Counted whether or not UDP is on; reported only when it is. */
    private final DatagramStats datagrams = new DatagramStats();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Operator mode's resolver requests; null otherwise. Written once in run(). */
    private volatile ClaimsRequestSink claimsService;
    private final AtomicLong claimsSequence = new AtomicLong();
    /** Operator (JWT) mode, or null when no operator is configured. */
    private final OperatorMode operatorMode;
    /** Null without a system account; written once in run(). */
    private volatile SystemService systemService;
    /** Null unless JetStream is enabled; set once during start. */
    private volatile JetStream jetStream;
    /** The hubs this server joins as a leaf node; null when none are configured. */
    private volatile LeafNodes leafNodes;

    private Wirehub(ServerConfig config, TcpListener clientListener, ScheduledExecutorService scheduler,
            BoundSockets bound) {
        this.config = config;
        this.bound = bound;
        this.clientListener = clientListener;
        this.scheduler = scheduler;
        String serverId = ServerIdentity.newServerId();
        ServerInfo plain = new ServerInfo(serverId, config.serverName() == null ? serverId : config.serverName(),
                "java" + Runtime.version().feature(), config.host(), clientListener.port(),
                !config.noHeaderSupport(), config.maxPayload());
        this.info = config.jetstream().enabled() ? plain.withJetStream(config.jetstream().domain()) : plain;
        this.operatorMode = OperatorMode.of(config.accounts(), Clock.systemUTC());
        this.services = new ConnectionServices(config, Accounts.of(operatorMode == null ? config.accounts()
                : operatorMode.accountsConfig(config.accounts())),
                new ConnectionRegistry(config.maxConnections()), new ServerStats(), scheduler, info,
                new BufferPool(CHUNK_SIZE, MAX_POOLED_CHUNKS), new AtomicReference<>(securityPolicy(config)),
                new ConnectionAdmission(), Observability.create(config.maxClosedClients()), new HandshakeLoad());
        this.clientPort = new ClientPort(config, services);
    }

    /** Starts a server on 127.0.0.1 and a free port, with every other setting at its default. */
    public static Wirehub start() throws IOException {
        return start(ServerConfig.builder().host("127.0.0.1").port(0).build());
    }

    /**
     * Starts a server: binds the client port first (so a client may connect as early as
     * possible), then starts accepting.
     *
     * @throws IOException when the port cannot be bound
     */
    public static Wirehub start(ServerConfig config) throws IOException {
        return start(config, BoundSockets.none());
    }

    /**
     * Starts a server on listening sockets bound beforehand (by a process that binds its ports
     * before anything else loads, or by a launcher before the JVM started): each listener takes the
     * one bound for it when it is where {@code config} says, and binds its own otherwise; sockets
     * no listener took are closed. When the server cannot start, clients already waiting on a socket
     * not yet accepting are told why ({@code -ERR}) before it closes.
     */
    public static Wirehub start(ServerConfig config, BoundSockets bound) throws IOException {
        ScheduledExecutorService scheduler = newScheduler();
        TcpListener listener = null;
        Wirehub server;
        try {
            listener = Listeners.bindClient(config, bound);
            server = new Wirehub(config, listener, scheduler, bound);
        } catch (IOException | RuntimeException e) {
            scheduler.shutdownNow();
            if (listener != null) {
                listener.refuseWaiting(BoundSockets.refusal(e.getMessage()));
                if (!listener.closingSilencesStandardStreams()) {
                    listener.close(); // else the process ends soon, and the reason must reach stderr
                }
            }
            bound.refuse(String.valueOf(e.getMessage()));
            throw e;
        }
        try {
            server.run();
        } catch (IOException | RuntimeException e) {
            server.close();
            bound.refuse(String.valueOf(e.getMessage()));
            throw e;
        }
        return server;
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("wirehub-timers").daemon(true).factory());
        // Cancelled ping timers must not pile up in the queue for their full interval.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private void run() throws IOException {
        LOG.info("Starting wirehub");
        LOG.info("  Version:  {} (speaks the NATS client protocol as nats-server {})", Version.wirehub(),
                ServerInfo.PROTOCOL_VERSION);
        LOG.info("  Name:     {}", info.serverName());
        LOG.info("  ID:       {}", info.serverId());
        logSecurity(services.security().get());
        if (config.maxPayload() > Defaults.MAX_PAYLOAD_WARN) {
            // nats-server's own warning: large payloads hold memory and delay everything behind them.
            LOG.warn("Maximum payloads over 8.00 MB are generally discouraged and could lead to poor performance");
        }
        if (clientPort.tlsEnabled()) {
            LOG.info("  TLS:      {}", clientPort.describeTls());
        }
        listeners.add(Listeners.client(clientListener, clientPort, config.host()));
        if (config.unix().enabled()) {
            listeners.add(Listeners.unix(config.unix(), services, bound));
        }
        if (config.udp().enabled()) {
            listeners.start("UDP", Addresses.hostPort(config.udp().host(), config.udp().port()),
                    () -> Listeners.udp(config.udp(), services, datagrams));
        }
        if (config.websocket().enabled()) {
            listeners.start("websocket clients", Addresses.hostPort(config.websocket().host(),
                    config.websocket().port()), () -> Listeners.webSocket(config.websocket(), services, bound, upgraded -> {
                        // A leaf spoke on /leafnode (nats-server: only when leafnodes has a port).
                        LeafNodes leafs = leafNodes;
                        return leafs != null && leafs.acceptWebSocket(upgraded);
                    }));
        }
        if (config.jetstream().enabled()) {
            jetStream = startJetStream();
        }
        if (config.leafNodes().enabled()) {
            LeafNodesConfig leaf = config.leafNodes();
            ServerSocketChannel inherited = leaf.accepting() ? bound.takeLeaf(leaf.host(), leaf.port()) : null;
            try {
                leafNodes = LeafNodes.start(config, services.accounts(), info.serverId(), info.serverName(),
                        services.stats(), () -> services.security().get().authenticator(), inherited);
            } catch (RuntimeException e) {
                if (inherited != null && inherited.isOpen()) {
                    bound.tcp(Listener.Kind.LEAF, inherited); // back, so a spoke waiting on it hears why (start's refuse)
                }
                throw e;
            }
        }
        JetStream js = jetStream;
        MonitoredServer view = new MonitoredServer(config, description(), services, listeners, state,
                datagrams, js == null ? null : js.stats());
        LeafNodes leafs = leafNodes;
        if (leafs != null) {
            view.leafConnections(leafs::connections);
            view.leafFigures(leafs::figures);
        }
        if (js != null) {
            view.jetStreamAccounts(js::details);
        }
        if (services.accounts().system() != null) {
            systemService = new SystemService(services.accounts(), new MonitorDocuments(view),
                    info.serverName(), config.host(), info.serverId(), ServerInfo.PROTOCOL_VERSION, services.stats(),
                    services.observability(), this::requester).start();
        }
        startClaimsService();
        // After the client listener: clients need not wait for the monitoring classes to load.
        if (config.monitoring().enabled()) {
            listeners.start("monitoring", Addresses.hostPort(config.monitoring().host(), config.monitoring().port()),
                    () -> Listeners.monitoring(config.monitoring(), view, scheduler, bound, config.tls()));
        }
        bound.closeUnused();
        // Load what the first client needs (JSON, parser) now rather than while it waits.
        Thread.ofVirtual().name("wirehub-warm-up").start(() -> ConnectionWarmUp.run(info));
        long sweep = Math.clamp(config.writeDeadline().toMillis() / 4, 10, 1000);
        scheduler.scheduleWithFixedDelay(this::sweepWriteDeadlines, sweep, sweep, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> services.accounts().expireResponses(System.nanoTime()), 1, 1,
                TimeUnit.SECONDS);
        LOG.info("Listening for client connections on {}", Addresses.hostPort(config.host(), clientListener.port()));
        state.ready();
        LOG.info("Server is ready");
    }

    /** A client asking the system service, for USER.INFO; null when it is gone. */
    private SystemRequest.Requester requester(long clientId) {
        ClientConnection client = services.registry().get(clientId);
        if (client == null) {
            return null;
        }
        AuthenticatedUser user = client.user();
        Permissions permissions = user == null ? null : user.permissions();
        boolean has = permissions != null && (permissions.restricts() || permissions.config().responses() != null);
        return new SystemRequest.Requester(client.snapshot(), has ? permissions.config() : null);
    }

    /** An open client's measured round trip in nanoseconds; 0 when it is gone or not measured yet. */
    private long clientRttNanos(long clientId) {
        ClientConnection client = services.registry().get(clientId);
        Duration rtt = client == null ? null : client.rtt();
        return rtt == null ? 0 : rtt.toNanos();
    }

    /** The JetStream API in every account (nats-server decides which have JetStream: see {@link JetStream}). */
    private JetStream startJetStream() throws IOException {
        Map<String, AccountConfig> configured = new HashMap<>();
        config.accounts().accounts().forEach(a -> configured.put(a.name(), a));
        List<JetStream.AccountRoute> routes = new ArrayList<>();
        for (Account account : services.accounts().all()) {
            routes.add(new JetStream.AccountRoute(account.name(), account.isSystem(), configured.get(account.name()),
                    account.router()));
        }
        return JetStream.start(config.jetstream(), routes, config.accounts().accounts().isEmpty(), info.serverName(),
                router -> new InternalPublisher(router, services.stats(), services.observability(), "jetstream"),
                this::clientRttNanos);
    }

    private ServerDescription description() {
        return new ServerDescription(info.serverId(), info.serverName(), Version.wirehub(),
                ServerInfo.PROTOCOL_VERSION, state.startedAt());
    }

    /** Says which authentication is in force, and warns when anyone on the network may connect. */
    private void logSecurity(SecurityPolicy policy) {
        LOG.info("  Auth:     {}", policy.authenticator().describe());
        boolean loopback = config.host().startsWith("127.") || config.host().equals("::1")
                || config.host().equals("localhost");
        if (!policy.authenticator().required() && !loopback) {
            LOG.warn("Authentication is off and the client port is open on {}: any client that reaches it may"
                    + " connect (see the README on securing a deployment)", config.host());
        }
    }

    private void sweepWriteDeadlines() {
        long now = System.nanoTime();
        for (ClientConnection connection : services.registry().connections()) {
            connection.checkWriteDeadline(now);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The client port actually bound (useful when the config asked for any free port). */
    public int port() {
        return clientListener.port();
    }

    public InetSocketAddress address() {
        return clientListener.address();
    }

    /** A URL a client on this machine can use: {@code nats://127.0.0.1:PORT} for a wildcard bind. */
    public String clientUrl() {
        return "nats://" + Addresses.hostPort(Addresses.connectable(config.host()), port());
    }

    /** The WebSocket port actually bound, or 0 when WebSocket is off. */
    public int webSocketPort() {
        return listeners.port(Listener.Kind.WEBSOCKET);
    }

    /** {@code ws://HOST:PORT} (or wss) of the WebSocket listener, or null when it is off. */
    public String webSocketUrl() {
        return listeners.url(Listener.Kind.WEBSOCKET);
    }

    /** The UDP port actually bound, or 0 when UDP is off. */
    public int udpPort() {
        return listeners.port(Listener.Kind.UDP);
    }

    /** What happened to the datagrams received so far, or null when UDP is off. */
    public DatagramStats.Counts udpStats() {
        return config.udp().enabled() ? datagrams.snapshot() : null;
    }

    /** {@code unix:///path} of the Unix socket, or null when it is off. */
    public String unixUrl() {
        return listeners.url(Listener.Kind.UNIX);
    }

    /** The monitoring port actually bound, or 0 when monitoring is off. */
    public int monitoringPort() {
        return listeners.port(Listener.Kind.MONITORING);
    }

    /** {@code http://HOST:PORT} of the monitoring endpoints and dashboard, or null when monitoring is off. */
    public String monitoringUrl() {
        return listeners.url(Listener.Kind.MONITORING);
    }

    public String serverId() {
        return info.serverId();
    }

    public String serverName() {
        return info.serverName();
    }

    public ServerStats stats() {
        return services.stats();
    }

    public ConnectionRegistry connections() {
        return services.registry();
    }

    /** The global account's router ({@code $G}: every client when no accounts are configured). */
    public Router router() {
        return services.accounts().global().router();
    }

    /** Every account of this server. */
    public Accounts accounts() {
        return services.accounts();
    }

    public boolean isLameDuck() {
        return state.isLameDuck();
    }

    public boolean isRunning() {
        return terminated.getCount() > 0;
    }

    /**
     * Lame duck mode (PROTOCOL.md §14): stop accepting, tell protocol-1 clients with an INFO
     * carrying {@code ldm:true}, wait the grace period, close the clients spread over the rest of
     * lame_duck_duration, then shut down. Returns at once; {@link #awaitTermination} waits.
     */
    public void enterLameDuckMode() {
        if (!state.beginLameDuck()) {
            return;
        }
        LOG.info("Entering lame duck mode, stop accepting new clients");
        listeners.closeClientListeners();
        new LameDuckMode(config, services.registry(), this::close).startAsync();
    }

    /**
     * Applies a changed configuration to the running server (SIGHUP): authorization, permissions,
     * rate and connection limits take effect at once, and every open connection is checked
     * against them; the client port's TLS certificate, key and CA files are read again, so new
     * connections get a renewed certificate. Other settings need a restart; they are returned, not
     * applied.
     *
     * @return a line for each changed setting that was not applied
     * @throws io.wirehub.server.config.ConfigException when the new security settings are unusable;
     *         the server then keeps the old ones
     */
    public synchronized List<String> reload(ServerConfig next) {
        SecurityPolicy policy = securityPolicy(next);
        // The TLS files first: if they are unusable, nothing of the reload is applied (the wss
        // port's are read before the client port's; if only the client port's fail, the wss port
        // keeps the new files it read, which are what the config now names).
        boolean webSocketTlsReloaded = listeners.find(Listener.Kind.WEBSOCKET)
                .map(listener -> listener.reloadTls(next)).orElse(false);
        boolean tlsReloaded = clientPort.tlsEnabled() && next.tls().enabled() && clientPort.reloadTls(next);
        services.security().set(policy);
        for (ClientConnection connection : services.registry().connections()) {
            SecurityRecheck.apply(connection, policy);
        }
        List<String> needRestart = new ArrayList<>(RestartOnlySettings.changed(config, next));
        if (tlsReloaded) {
            needRestart.remove("tls");
            LOG.info("Reloaded TLS certificates from {}", next.tls().certFile() != null ? next.tls().certFile()
                    : next.tls().keyStore());
        }
        if (webSocketTlsReloaded) {
            if (config.websocket().withTls(next.websocket().tls()).equals(next.websocket())) {
                needRestart.remove("websocket"); // only its TLS files changed, and they are read again
            }
            LOG.info("Reloaded websocket TLS certificates from {}", next.websocket().tls().certFile() != null
                    ? next.websocket().tls().certFile() : next.websocket().tls().keyStore());
        }
        state.configReloaded();
        LOG.info("Reloaded authorization and limits ({}); {} open connections checked",
                policy.authenticator().describe(), services.registry().size());
        for (String setting : needRestart) {
            LOG.warn("Config reload: {} changed, which takes a restart", setting);
        }
        return needRestart;
    }

    /**
     * Operator mode: the account resolver's requests (claims update, lookup, list) answered in the
     * system account. WIRING POINT for the shared system-account request service: everything
     * but this subscription lives in {@link ClaimsUpdates#handle}.
     */
    private void startClaimsService() {
        Account system = services.accounts().system();
        if (operatorMode == null || system == null) {
            return;
        }
        Router router = system.router();
        ClaimsUpdates claims = new ClaimsUpdates(operatorMode.accounts(), operatorMode.config().resolver(),
                new JwtAccountUpdates(services.accounts(), services.registry(), services.security()::get),
                this::claimsServerInfo);
        claimsService = ClaimsRequestSink.start(claims, router, new InternalPublisher(router, services.stats(),
                services.observability(), "system"));
    }

    /** The {@code server} object of resolver responses, as nats-server's ServerInfo. */
    private Map<String, Object> claimsServerInfo() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", info.serverName());
        server.put("host", config.host());
        server.put("id", info.serverId());
        server.put("ver", ServerInfo.PROTOCOL_VERSION);
        server.put("jetstream", false);
        server.put("seq", claimsSequence.incrementAndGet());
        server.put("time", Instant.now().toString());
        return server;
    }

    /** In operator mode the JWT authenticator stays (operators and resolver take a restart). */
    private SecurityPolicy securityPolicy(ServerConfig next) {
        return operatorMode == null ? SecurityPolicy.of(next) : SecurityPolicy.of(next, operatorMode.authenticator());
    }

    /** Waits until the server has shut down. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the server; idempotent. Returns once clients are closed and timers stopped. */
    @Override
    public void close() {
        if (!state.beginClosing()) {
            awaitQuietly();
            return;
        }
        LOG.info("Initiating Shutdown...");
        listeners.closeAll();
        SystemService system = systemService;
        if (system != null) {
            system.close();
        }
        ClaimsRequestSink claims = claimsService;
        if (claims != null) {
            claims.close();
        }
        JetStream js = jetStream;
        if (js != null) {
            js.close();
        }
        LeafNodes leafs = leafNodes;
        if (leafs != null) {
            leafs.close();
        }
        List<ClientConnection> open = new ArrayList<>(services.registry().connections());
        for (ClientConnection connection : open) {
            connection.close(CloseReason.SERVER_SHUTDOWN);
        }
        awaitFlushed(open);
        scheduler.shutdownNow();
        try {
            listeners.awaitStopped(SHUTDOWN_FLUSH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Server Exiting..");
        terminated.countDown();
    }

    /** Gives each closing client's writer up to {@link #SHUTDOWN_FLUSH} to drain, then cuts. */
    private static void awaitFlushed(List<ClientConnection> closing) {
        long deadline = System.nanoTime() + SHUTDOWN_FLUSH.toNanos();
        for (ClientConnection connection : closing) {
            while (connection.transport().isOpen() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            connection.transport().close();
        }
    }

    private void awaitQuietly() {
        try {
            terminated.await(SHUTDOWN_FLUSH.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
