package io.wirehub.server;

import io.wirehub.server.auth.ConnectionAdmission;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.config.Defaults;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.BufferPool;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.CloseReason;
import io.wirehub.server.connection.ConnectionRegistry;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.connection.Observability;
import io.wirehub.server.connection.ConnectionActivity;
import io.wirehub.server.connection.ConnectionSnapshot;
import io.wirehub.server.connection.SecurityRecheck;
import io.wirehub.server.connection.TransportTotals;
import io.wirehub.server.monitor.MonitorServer;
import io.wirehub.server.monitor.ServerView;
import io.wirehub.server.connection.ServerStats;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.SubjectIndex;
import io.wirehub.server.transport.TcpListener;
import io.wirehub.server.transport.UnixSocketListener;
import io.wirehub.server.transport.datagram.UdpListener;
import io.wirehub.server.transport.datagram.UdpStats;
import io.wirehub.server.connection.DatagramPublisher;
import io.wirehub.server.files.FileService;
import io.wirehub.server.files.FileTransferStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final TcpListener listener;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean lameDuck = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    /** Set once every listener is up: /healthz says "starting" until then. */
    private volatile boolean ready;
    /** When the configuration in force was loaded: start, then each reload. */
    private volatile Instant configLoadedAt = startedAt;
    /** Null when monitoring is off; written once in run() before any request can arrive. */
    private volatile MonitorServer monitor;
    /** Null when the Unix socket is off; written once in run(). */
    private volatile UnixSocketListener unixListener;
    /** Null when UDP is off; written once in run(). */
    private volatile UdpListener udpListener;
    /** Null when WebSocket is off. */
    private final WebSocketPort webSocketPort;
    /** Null when the file service is off; written once in run(). */
    private volatile FileService fileService;
    /** Null when WebSocket is off; written once in run(). */
    private volatile TcpListener webSocketListener;

    private Wirehub(ServerConfig config, TcpListener listener, ScheduledExecutorService scheduler) {
        this.config = config;
        this.listener = listener;
        this.scheduler = scheduler;
        String serverId = ServerIdentity.newServerId();
        this.info = new ServerInfo(serverId, config.serverName() == null ? serverId : config.serverName(),
                "java" + Runtime.version().feature(), config.host(), listener.port(),
                !config.noHeaderSupport(), config.maxPayload());
        this.services = new ConnectionServices(config, new Router(new SubjectIndex(true)),
                new ConnectionRegistry(config.maxConnections()), new ServerStats(), scheduler, info,
                new BufferPool(CHUNK_SIZE, MAX_POOLED_CHUNKS), new AtomicReference<>(SecurityPolicy.of(config)),
                new ConnectionAdmission(), Observability.create(config.maxClosedClients()));
        this.clientPort = new ClientPort(config, services);
        this.webSocketPort = config.websocket().enabled() ? new WebSocketPort(config.websocket(), services) : null;
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
        return start(config, TcpListener.bind(config.host(), config.port(), config.socketOptions()));
    }

    /**
     * Starts a server on a client listener bound beforehand (for a process that binds its port
     * before anything else loads). The listener must not be started yet.
     */
    public static Wirehub start(ServerConfig config, TcpListener listener) throws IOException {
        ScheduledExecutorService scheduler = newScheduler();
        Wirehub server;
        try {
            server = new Wirehub(config, listener, scheduler);
        } catch (RuntimeException e) {
            listener.close();
            scheduler.shutdownNow();
            throw e;
        }
        try {
            server.run();
        } catch (IOException | RuntimeException e) {
            server.close();
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
        listener.start(clientPort);
        if (config.unix().enabled()) {
            startUnixSocket();
        }
        if (config.udp().enabled()) {
            startUdp();
        }
        if (webSocketPort != null) {
            startWebSocket();
        }
        if (config.files().enabled()) {
            FileService files = FileService.start(services, config.files());
            fileService = files;
            LOG.info("File service storing under {}", files.describe());
        }
        // After the client listener: clients need not wait for the monitoring classes to load.
        if (config.monitoring().enabled()) {
            startMonitoring();
        }
        // Load what the first client needs (JSON, parser) now rather than while it waits.
        Thread.ofVirtual().name("wirehub-warm-up").start(() -> ConnectionWarmUp.run(info));
        long sweep = Math.clamp(config.writeDeadline().toMillis() / 4, 10, 1000);
        scheduler.scheduleWithFixedDelay(this::sweepWriteDeadlines, sweep, sweep, TimeUnit.MILLISECONDS);
        LOG.info("Listening for client connections on {}", hostPort(config.host(), listener.port()));
        ready = true;
        LOG.info("Server is ready");
    }

    private void startUnixSocket() throws IOException {
        UnixSocketListener unix = UnixSocketListener.bind(config.unix().path(), config.unix().mode(),
                config.unix().options());
        unixListener = unix;
        unix.start(clientPort);
        LOG.info("Listening for client connections on unix socket {} ({})", unix.path(),
                UnixSocketListener.describeMode(config.unix().mode()));
    }

    private void startWebSocket() throws IOException {
        var ws = config.websocket();
        TcpListener bound;
        try {
            bound = TcpListener.bind(ws.host(), ws.port(), ws.options());
        } catch (IOException e) {
            throw new IOException("cannot listen for websocket clients on " + hostPort(ws.host(), ws.port()) + ": "
                    + e.getMessage(), e);
        }
        webSocketListener = bound;
        webSocketPort.listening(bound.port());
        bound.start(webSocketPort);
        LOG.info("Listening for websocket clients on {}://{}", ws.scheme(), hostPort(ws.host(), bound.port()));
        if (ws.noTls()) {
            // nats-server's own warning, word for word.
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
    }

    private void startUdp() throws IOException {
        UdpListener udp;
        try {
            udp = UdpListener.bind(config.udp().host(), config.udp().port(), config.udp().ratePerSource());
        } catch (IOException e) {
            throw new IOException("cannot listen for UDP on " + hostPort(config.udp().host(), config.udp().port())
                    + ": " + e.getMessage(), e);
        }
        udpListener = udp;
        udp.start(new DatagramPublisher(services, config.udp().publishAllowed()));
        LOG.info("Listening for UDP publishes on {} ({} datagrams/s per source{})",
                hostPort(config.udp().host(), udp.port()),
                config.udp().ratePerSource() == 0 ? "no limit on" : config.udp().ratePerSource(),
                config.udp().publishAllowed().isEmpty() ? "" : ", publish only to " + config.udp().publishAllowed());
    }

    private void startMonitoring() throws IOException {
        try {
            monitor = MonitorServer.start(config.monitoring(), new MonitoredView(), scheduler);
        } catch (IOException e) {
            throw new IOException("cannot listen for monitoring on "
                    + hostPort(config.monitoring().host(), config.monitoring().port()) + ": " + e.getMessage(), e);
        }
        LOG.info("Starting http monitor on {}", monitoringUrl());
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
        return listener.port();
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    /** A URL a client on this machine can use: {@code nats://127.0.0.1:PORT} for a wildcard bind. */
    public String clientUrl() {
        return "nats://" + hostPort(connectableHost(config.host()), port());
    }

    /** The WebSocket port actually bound, or 0 when WebSocket is off. */
    public int webSocketPort() {
        TcpListener ws = webSocketListener;
        return ws == null ? 0 : ws.port();
    }

    /** {@code ws://HOST:PORT} (or wss) of the WebSocket listener, or null when it is off. */
    public String webSocketUrl() {
        TcpListener ws = webSocketListener;
        return ws == null ? null
                : config.websocket().scheme() + "://" + hostPort(connectableHost(config.websocket().host()), ws.port());
    }

    /** The UDP port actually bound, or 0 when UDP is off. */
    public int udpPort() {
        UdpListener udp = udpListener;
        return udp == null ? 0 : udp.port();
    }

    /** What happened to the datagrams received, or null when UDP is off. */
    public UdpStats udpStats() {
        UdpListener udp = udpListener;
        return udp == null ? null : udp.stats();
    }

    /** {@code unix:///path} of the Unix socket, or null when it is off. */
    public String unixUrl() {
        UnixSocketListener unix = unixListener;
        return unix == null ? null : "unix://" + unix.path();
    }

    /** The monitoring port actually bound, or 0 when monitoring is off. */
    public int monitoringPort() {
        MonitorServer m = monitor;
        return m == null ? 0 : m.port();
    }

    /** {@code http://HOST:PORT} of the monitoring endpoints and dashboard, or null when monitoring is off. */
    public String monitoringUrl() {
        MonitorServer m = monitor;
        return m == null ? null : "http://" + hostPort(connectableHost(config.monitoring().host()), m.port());
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

    public Router router() {
        return services.router();
    }

    public boolean isLameDuck() {
        return lameDuck.get();
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
        if (closing.get() || !lameDuck.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Entering lame duck mode, stop accepting new clients");
        closeListeners();
        new LameDuckMode(config, services.registry(), this::close).startAsync();
    }

    /**
     * Applies a changed configuration to the running server (SIGHUP): authorization, permissions,
     * rate and connection limits take effect at once, and every open connection is checked
     * against them. Other settings need a restart; they are returned, not applied.
     *
     * @return a line for each changed setting that was not applied
     * @throws io.wirehub.server.config.ConfigException when the new security settings are unusable;
     *         the server then keeps the old ones
     */
    public synchronized List<String> reload(ServerConfig next) {
        SecurityPolicy policy = SecurityPolicy.of(next);
        services.security().set(policy);
        for (ClientConnection connection : services.registry().connections()) {
            SecurityRecheck.apply(connection, policy);
        }
        List<String> needRestart = RestartOnlySettings.changed(config, next);
        configLoadedAt = Instant.now();
        LOG.info("Reloaded authorization and limits ({}); {} open connections checked",
                policy.authenticator().describe(), services.registry().size());
        for (String setting : needRestart) {
            LOG.warn("Config reload: {} changed, which takes a restart", setting);
        }
        return needRestart;
    }

    /** Waits until the server has shut down. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the server; idempotent. Returns once clients are closed and timers stopped. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        LOG.info("Initiating Shutdown...");
        closeListeners();
        MonitorServer m = monitor;
        if (m != null) {
            m.close();
        }
        FileService files = fileService;
        if (files != null) {
            files.close();
        }
        List<ClientConnection> open = new ArrayList<>(services.registry().connections());
        for (ClientConnection connection : open) {
            connection.close(CloseReason.SERVER_SHUTDOWN);
        }
        awaitFlushed(open);
        scheduler.shutdownNow();
        try {
            listener.awaitStopped(SHUTDOWN_FLUSH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Server Exiting..");
        terminated.countDown();
    }

    private void closeListeners() {
        listener.close();
        UnixSocketListener unix = unixListener;
        if (unix != null) {
            unix.close();
        }
        UdpListener udp = udpListener;
        if (udp != null) {
            udp.close();
        }
        TcpListener ws = webSocketListener;
        if (ws != null) {
            ws.close();
        }
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

    /** What the monitoring endpoints read: views of this server, nothing they could change. */
    private final class MonitoredView implements ServerView {
        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public String serverId() {
            return info.serverId();
        }

        @Override
        public String serverName() {
            return info.serverName();
        }

        @Override
        public int clientPort() {
            return listener.port();
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public Instant configLoadedAt() {
            return configLoadedAt;
        }

        @Override
        public boolean authRequired() {
            return services.security().get().authenticator().required();
        }

        @Override
        public ServerStats stats() {
            return services.stats();
        }

        @Override
        public int connectionCount() {
            return services.registry().size();
        }

        @Override
        public List<ConnectionSnapshot> openConnections() {
            List<ConnectionSnapshot> open = new ArrayList<>();
            for (ClientConnection connection : services.registry().connections()) {
                open.add(connection.snapshot());
            }
            return open;
        }

        @Override
        public List<ConnectionActivity> connectionActivity() {
            List<ConnectionActivity> open = new ArrayList<>();
            for (ClientConnection connection : services.registry().connections()) {
                open.add(connection.activity());
            }
            return open;
        }

        @Override
        public List<ConnectionSnapshot> closedConnections() {
            return services.observability().closed().list();
        }

        @Override
        public long pendingBytes() {
            long pending = 0;
            for (ClientConnection connection : services.registry().connections()) {
                pending += connection.pendingBytes();
            }
            return pending;
        }

        @Override
        public SubjectIndex subscriptions() {
            return services.router().index();
        }

        @Override
        public Observability observability() {
            return services.observability();
        }

        @Override
        public Map<String, TransportTotals.Totals> transportTotals() {
            return services.observability().transports().snapshot(services.registry().connections());
        }

        @Override
        public int webSocketPort() {
            return Wirehub.this.webSocketPort();
        }

        @Override
        public FileTransferStats fileTransferStats() {
            FileService files = fileService;
            return files == null ? null : files.stats();
        }

        @Override
        public UdpStats udpStats() {
            return Wirehub.this.udpStats();
        }

        @Override
        public String unhealthyReason() {
            if (closing.get()) {
                return "server is shutting down";
            }
            if (lameDuck.get()) {
                return "server is in lame duck mode";
            }
            return ready ? null : "server is starting";
        }
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String connectableHost(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "::1";
            default -> host;
        };
    }
}
