package io.wirehub.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The whole server configuration: one immutable value, built by {@link Builder}. Every default
 * lives in {@link Defaults}; the config-file binder and the command line both fill a builder.
 *
 * @param host                  client listener address ({@code 0.0.0.0}; {@code ::} for dual stack)
 * @param port                  client port; 0 or -1 picks a free port
 * @param serverName            name shown in INFO; null means "use the server id"
 * @param maxPayload            largest PUB/HPUB payload accepted (bytes)
 * @param maxControlLine        longest protocol line argument accepted (bytes)
 * @param maxPending            outbound bytes a connection may have queued before it is cut off
 * @param maxConnections        client connections accepted at once
 * @param maxSubscriptions      subscriptions per connection; 0 means unlimited
 * @param pingInterval          server PING cadence for idle connections
 * @param pingMax               unanswered server PINGs before the connection is stale
 * @param writeDeadline         longest a single socket write may block before slow-consumer close
 * @param authTimeout           time allowed for CONNECT when authentication is required
 * @param lameDuckDuration      total time lame duck mode spreads closes over
 * @param lameDuckGracePeriod   wait before lame duck starts closing clients
 * @param noHeaderSupport       advertise {@code headers:false} and refuse HPUB
 * @param disableShortFirstPing use pingInterval for the first PING instead of about 2 s
 * @param maxClosedClients      closed connections remembered for monitoring
 * @param pidFile               where to write the process id; null for none
 * @param portsFileDir          directory for the ports file; null for none
 * @param logging               log levels and destination
 * @param authorization         who may connect, and with which permissions
 * @param limits                rate and per-address limits (Wirehub's own {@code limits {}})
 * @param monitoring            the HTTP monitoring listener; off unless asked for
 * @param tls                   TLS on the client port; {@link TlsConfig#OFF} for plain TCP
 * @param allowNonTls           with TLS: plain clients are accepted too (INFO says tls_available)
 * @param socketOptions         socket options of the client port and its connections
 * @param unix                  the Unix domain socket listener; off unless a path is given
 * @param udp                   the UDP listener; off unless a port is given
 * @param websocket             the WebSocket listener; off unless a port is given
 * @param accounts              accounts, the global account's mappings, the system account
 * @param jetstream             JetStream; {@link JetStreamConfig#OFF} unless enabled
 * @param leafNodes             the hubs this server joins as a leaf node; none by default
 * @param memoryLimit           the memory the process was given ({@code serve --memory-limit},
 *                              sized by the launcher), in bytes, reported in /varz; 0 for none
 */
public record ServerConfig(
        String host,
        int port,
        String serverName,
        int maxPayload,
        int maxControlLine,
        long maxPending,
        int maxConnections,
        int maxSubscriptions,
        Duration pingInterval,
        int pingMax,
        Duration writeDeadline,
        Duration authTimeout,
        Duration lameDuckDuration,
        Duration lameDuckGracePeriod,
        boolean noHeaderSupport,
        boolean disableShortFirstPing,
        int maxClosedClients,
        Path pidFile,
        Path portsFileDir,
        LoggingConfig logging,
        AuthConfig authorization,
        LimitsConfig limits,
        MonitoringConfig monitoring,
        TlsConfig tls,
        boolean allowNonTls,
        SocketOptionsConfig socketOptions,
        UnixSocketConfig unix,
        UdpConfig udp,
        WebSocketConfig websocket,
        AccountsConfig accounts,
        JetStreamConfig jetstream,
        LeafNodesConfig leafNodes,
        long memoryLimit) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(writeDeadline, "writeDeadline");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(lameDuckDuration, "lameDuckDuration");
        Objects.requireNonNull(lameDuckGracePeriod, "lameDuckGracePeriod");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(socketOptions, "socketOptions");
        Objects.requireNonNull(unix, "unix");
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(websocket, "websocket");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(jetstream, "jetstream");
        Objects.requireNonNull(leafNodes, "leafNodes");
    }

    /** The defaults of nats-server 2.10 (client port 4222). */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the configured port asks for any free port. */
    public boolean randomPort() {
        return port == 0 || port == Defaults.RANDOM_PORT;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Log levels and destination: what {@code debug}, {@code trace}, {@code logtime} and
     * {@code log_file} in the config file (or -D, -V, -l on the command line) ask for.
     */
    /**
     * Logging as nats-server's options set it.
     *
     * @param logTimeUtc    {@code logtime_utc}: time stamps in UTC rather than local time
     * @param logSizeLimit  {@code logfile_size_limit}: rotate the log file past this many bytes; 0 never
     * @param logMaxFiles   {@code logfile_max_num}: keep this many files (the log and its backups); 0 all
     */
    public record LoggingConfig(boolean debug, boolean trace, boolean logTime, Path logFile, boolean logTimeUtc,
                                long logSizeLimit, int logMaxFiles) {
        public LoggingConfig(boolean debug, boolean trace, boolean logTime, Path logFile) {
            this(debug, trace, logTime, logFile, false, 0, 0);
        }

        public static LoggingConfig defaults() {
            return new LoggingConfig(false, false, true, null);
        }

        public LoggingConfig withDebug(boolean v) {
            return new LoggingConfig(v, trace, logTime, logFile, logTimeUtc, logSizeLimit, logMaxFiles);
        }

        public LoggingConfig withTrace(boolean v) {
            return new LoggingConfig(debug, v, logTime, logFile, logTimeUtc, logSizeLimit, logMaxFiles);
        }

        public LoggingConfig withLogTime(boolean v) {
            return new LoggingConfig(debug, trace, v, logFile, logTimeUtc, logSizeLimit, logMaxFiles);
        }

        public LoggingConfig withLogFile(Path v) {
            return new LoggingConfig(debug, trace, logTime, v, logTimeUtc, logSizeLimit, logMaxFiles);
        }

        public LoggingConfig withLogTimeUtc(boolean v) {
            return new LoggingConfig(debug, trace, logTime, logFile, v, logSizeLimit, logMaxFiles);
        }

        public LoggingConfig withLogSizeLimit(long v) {
            return new LoggingConfig(debug, trace, logTime, logFile, logTimeUtc, v, logMaxFiles);
        }

        public LoggingConfig withLogMaxFiles(int v) {
            return new LoggingConfig(debug, trace, logTime, logFile, logTimeUtc, logSizeLimit, v);
        }
    }

    /** Mutable builder; not thread-safe. Starts from {@link Defaults}. */
    public static final class Builder {
        private String host = Defaults.HOST;
        private int port = Defaults.PORT;
        private String serverName;
        private int maxPayload = Defaults.MAX_PAYLOAD;
        private int maxControlLine = Defaults.MAX_CONTROL_LINE;
        private long maxPending = Defaults.MAX_PENDING;
        private int maxConnections = Defaults.MAX_CONNECTIONS;
        private int maxSubscriptions = Defaults.MAX_SUBSCRIPTIONS;
        private Duration pingInterval = Defaults.PING_INTERVAL;
        private int pingMax = Defaults.PING_MAX;
        private Duration writeDeadline = Defaults.WRITE_DEADLINE;
        private Duration authTimeout = Defaults.AUTH_TIMEOUT;
        private Duration lameDuckDuration = Defaults.LAME_DUCK_DURATION;
        private Duration lameDuckGracePeriod = Defaults.LAME_DUCK_GRACE_PERIOD;
        private boolean noHeaderSupport;
        private boolean disableShortFirstPing;
        private int maxClosedClients = Defaults.MAX_CLOSED_CLIENTS;
        private Path pidFile;
        private Path portsFileDir;
        private LoggingConfig logging = LoggingConfig.defaults();
        private AuthConfig authorization = AuthConfig.NONE;
        private LimitsConfig limits = LimitsConfig.NONE;
        private MonitoringConfig monitoring = MonitoringConfig.OFF;
        private TlsConfig tls = TlsConfig.OFF;
        private boolean allowNonTls;
        private SocketOptionsConfig socketOptions = SocketOptionsConfig.DEFAULTS;
        private UnixSocketConfig unix = UnixSocketConfig.OFF;
        private UdpConfig udp = UdpConfig.OFF;
        private WebSocketConfig websocket = WebSocketConfig.OFF;
        private AccountsConfig accounts = AccountsConfig.NONE;
        private JetStreamConfig jetstream = JetStreamConfig.OFF;
        private LeafNodesConfig leafNodes = LeafNodesConfig.NONE;
        private long memoryLimit;
        /** Whether authTimeout was given; if not, TLS lengthens it (nats-server: tls timeout + 1 s). */
        private boolean authTimeoutGiven;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            serverName = c.serverName;
            maxPayload = c.maxPayload;
            maxControlLine = c.maxControlLine;
            maxPending = c.maxPending;
            maxConnections = c.maxConnections;
            maxSubscriptions = c.maxSubscriptions;
            pingInterval = c.pingInterval;
            pingMax = c.pingMax;
            writeDeadline = c.writeDeadline;
            authTimeout = c.authTimeout;
            lameDuckDuration = c.lameDuckDuration;
            lameDuckGracePeriod = c.lameDuckGracePeriod;
            noHeaderSupport = c.noHeaderSupport;
            disableShortFirstPing = c.disableShortFirstPing;
            maxClosedClients = c.maxClosedClients;
            pidFile = c.pidFile;
            portsFileDir = c.portsFileDir;
            logging = c.logging;
            authorization = c.authorization;
            limits = c.limits;
            monitoring = c.monitoring;
            tls = c.tls;
            allowNonTls = c.allowNonTls;
            socketOptions = c.socketOptions;
            unix = c.unix;
            udp = c.udp;
            websocket = c.websocket;
            accounts = c.accounts;
            jetstream = c.jetstream;
            leafNodes = c.leafNodes;
            memoryLimit = c.memoryLimit;
            authTimeoutGiven = true;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder serverName(String v) { serverName = v; return this; }
        public Builder maxPayload(int v) { maxPayload = v; return this; }
        public Builder maxControlLine(int v) { maxControlLine = v; return this; }
        public Builder maxPending(long v) { maxPending = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxSubscriptions(int v) { maxSubscriptions = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingMax(int v) { pingMax = v; return this; }
        public Builder writeDeadline(Duration v) { writeDeadline = v; return this; }
        public Builder authTimeout(Duration v) { authTimeout = v; authTimeoutGiven = true; return this; }
        public Builder lameDuckDuration(Duration v) { lameDuckDuration = v; return this; }
        public Builder lameDuckGracePeriod(Duration v) { lameDuckGracePeriod = v; return this; }
        public Builder noHeaderSupport(boolean v) { noHeaderSupport = v; return this; }
        public Builder disableShortFirstPing(boolean v) { disableShortFirstPing = v; return this; }
        public Builder maxClosedClients(int v) { maxClosedClients = v; return this; }
        public Builder pidFile(Path v) { pidFile = v; return this; }
        public Builder portsFileDir(Path v) { portsFileDir = v; return this; }
        public Builder logging(LoggingConfig v) { logging = v; return this; }
        public Builder authorization(AuthConfig v) { authorization = v; return this; }
        public Builder limits(LimitsConfig v) { limits = v; return this; }
        public Builder monitoring(MonitoringConfig v) { monitoring = v; return this; }
        public Builder tls(TlsConfig v) { tls = v; return this; }
        public Builder allowNonTls(boolean v) { allowNonTls = v; return this; }
        public Builder socketOptions(SocketOptionsConfig v) { socketOptions = v; return this; }
        public Builder unix(UnixSocketConfig v) { unix = v; return this; }
        public Builder udp(UdpConfig v) { udp = v; return this; }
        public Builder websocket(WebSocketConfig v) { websocket = v; return this; }
        public Builder accounts(AccountsConfig v) { accounts = v; return this; }
        public Builder jetstream(JetStreamConfig v) { jetstream = v; return this; }
        public Builder leafNodes(LeafNodesConfig v) { leafNodes = v; return this; }
        public Builder memoryLimit(long bytes) { memoryLimit = bytes; return this; }

        public LoggingConfig logging() { return logging; }

        public AuthConfig authorization() { return authorization; }

        public MonitoringConfig monitoring() { return monitoring; }

        public TlsConfig tls() { return tls; }

        public UnixSocketConfig unix() { return unix; }

        public UdpConfig udp() { return udp; }

        public WebSocketConfig websocket() { return websocket; }


        public AccountsConfig accounts() { return accounts; }
        public JetStreamConfig jetstream() { return jetstream; }

        /**
         * Builds the config after checking the rules that span several values.
         *
         * @throws ConfigException listing every violated rule
         */
        public ServerConfig build() {
            ServerConfig config = buildUnchecked();
            ConfigValidator.validate(config);
            return config;
        }

        /** The config as set, rules not checked: for a caller that reports violations itself. */
        ServerConfig buildUnchecked() {
            // nats-server: with TLS the auth timeout defaults to the TLS timeout plus a second, so a
            // slow handshake does not eat the time CONNECT is given.
            Duration effectiveAuthTimeout = !authTimeoutGiven && tls.enabled()
                    ? tls.timeout().plusSeconds(1) : authTimeout;
            return new ServerConfig(host, port, serverName, maxPayload, maxControlLine,
                    maxPending, maxConnections, maxSubscriptions, pingInterval, pingMax, writeDeadline,
                    effectiveAuthTimeout, lameDuckDuration, lameDuckGracePeriod, noHeaderSupport,
                    disableShortFirstPing, maxClosedClients, pidFile, portsFileDir, logging, authorization,
                    limits, monitoring.onHostOrDefault(host), tls, allowNonTls, socketOptions, unix, udp,
                    websocket, accounts, jetstream, leafNodes, memoryLimit);
        }
    }
}
