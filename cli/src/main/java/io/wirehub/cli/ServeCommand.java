package io.wirehub.cli;

import io.wirehub.cli.logging.LogLevel;
import io.wirehub.cli.logging.LogSettings;
import io.wirehub.cli.logging.WirehubLoggingProvider;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.LoadedConfigFile;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.server.config.UdpConfig;
import io.wirehub.server.listen.BoundSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirehub serve}: runs the server in the foreground with nats-server's flags, so a script or
 * test harness that starts nats-server can start Wirehub instead. Flags win over the config file.
 */
@Command(name = "serve",
        description = "Run the server (takes nats-server's common flags and config file).",
        versionProvider = WirehubCommand.VersionProvider.class)
public final class ServeCommand implements Callable<Integer>, Console.User {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** Where -t reports; the run's console. */
    private Console console;

    // The options below are set by picocli, or by ServeArguments for a plain command line; both
    // readers agree on every flag (ServeArgumentsTest), so the fields are the package's.

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    // -v as nats-server has it (picocli's standard -V is taken by --trace here).
    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    @Option(names = {ServeFlags.ADDR_SHORT, ServeFlags.ADDR_LONG, ServeFlags.NET_LONG, ServeFlags.ADDR_GO, ServeFlags.NET_GO},
            paramLabel = "HOST",
            description = "Bind to host address (default: 0.0.0.0; '::' for dual stack).")
    String host;

    @Option(names = {ServeFlags.PORT_SHORT, ServeFlags.PORT_LONG, ServeFlags.PORT_GO}, paramLabel = "PORT",
            description = "Client port (default: 4222); -1 picks a free port.")
    Integer port;

    @Option(names = {"-n", "--name", "--server_name", "-name", "-server_name"}, paramLabel = "NAME",
            description = "Server name (default: the server id).")
    String name;

    @Option(names = {ServeFlags.CONFIG_SHORT, ServeFlags.CONFIG_LONG, ServeFlags.CONFIG_GO}, paramLabel = "FILE",
            description = "Configuration file in the NATS format.")
    Path configFile;

    @Option(names = "-t", description = "Check the configuration and exit.")
    boolean testConfig;

    @Option(names = {"-P", "--pid", "-pid"}, paramLabel = "FILE", description = "File to store the process id.")
    Path pidFile;

    @Option(names = {"--ports_file_dir", "-ports_file_dir"}, paramLabel = "DIR",
            description = "Write <exe>_<pid>.ports with the listen URLs into DIR.")
    Path portsFileDir;

    @Option(names = {"-m", "--http_port", "-http_port"}, paramLabel = "PORT",
            description = "Serve monitoring (/varz, /connz, /metrics, dashboard) on PORT or HOST:PORT "
                    + "(off unless given; 127.0.0.1 unless a host is given; -1 picks a free port).")
    String monitoring;

    @Option(names = "--unix", paramLabel = "PATH",
            description = "Also accept clients on a Unix domain socket at PATH (mode 0600 unless unix { mode } says).")
    Path unixSocket;

    @Option(names = "--udp", paramLabel = "[HOST:]PORT",
            description = "Accept PUB/HPUB datagrams and PING probes on UDP (127.0.0.1 unless a host is given).")
    String udp;

    /** The retired file service's flag, kept to say what replaced it rather than "unknown option". */
    @Option(names = "--store", paramLabel = "DIR", hidden = true)
    Path store;

    @Option(names = {"-D", "--debug", "-debug"}, description = "Enable debug output.")
    boolean debug;

    @Option(names = {"-V", "--trace", "-trace"}, description = "Trace the raw protocol.")
    boolean trace;

    @Option(names = {"-l", "--log", "-log"}, paramLabel = "FILE", description = "Write the log to FILE.")
    Path logFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json: one object a line.")
    LogSettings.LogFormat logFormat;

    @Option(names = {"--user", "-user"}, paramLabel = "USER", description = "User required for connections.")
    String user;

    @Option(names = {"--pass", "-pass"}, paramLabel = "PASSWORD",
            description = "Password required for connections (plain or a bcrypt hash).")
    String password;

    @Option(names = {"--auth", "-auth"}, paramLabel = "TOKEN",
            description = "Token required for connections (plain or a bcrypt hash).")
    String token;

    @Option(names = {"--tls", "-tls"}, description = "Enable TLS on the client port (needs --tlscert and --tlskey).")
    boolean tls;

    @Option(names = {"--tlscert", "-tlscert"}, paramLabel = "FILE", description = "Server certificate chain (PEM).")
    Path tlsCert;

    @Option(names = {"--tlskey", "-tlskey"}, paramLabel = "FILE", description = "Server private key (PEM).")
    Path tlsKey;

    @Option(names = {"--tlscacert", "-tlscacert"}, paramLabel = "FILE",
            description = "CA certificates that sign client certificates (PEM).")
    Path tlsCaCert;

    @Option(names = {"--tlsverify", "-tlsverify"}, description = "Enable TLS and require client certificates.")
    boolean tlsVerify;

    @Option(names = {"-js", "--jetstream", "-jetstream", "--js"}, description = "Enable JetStream.")
    boolean jetstream;

    @Option(names = {"-sl", "--signal", "-signal"}, paramLabel = "SIGNAL[=PID]",
            description = "Send a signal to a running server and exit: ldm, stop, quit, term, reopen, reload;"
                    + " PID is a process id or pid file (default: the one running server).")
    String signal;

    @Option(names = {"-sd", "--store_dir", "-store_dir", "--sd"}, paramLabel = "DIR",
            description = "JetStream's storage directory (its data goes in DIR/jetstream).")
    Path storeDir;

    @Option(names = {"--memory-limit", "--memory_limit"}, paramLabel = "SIZE",
            description = "Memory the server may take, heap and the JVM's other pools together (512MiB, 2GiB;"
                    + " the launcher sizes the JVM). Else WIREHUB_MEMORY_LIMIT or GOMEMLIMIT.")
    String memoryLimit;

    @Override
    public void console(Console runConsole) {
        this.console = runConsole;
    }

    /**
     * Runs with the flags {@link ServeArguments} has set, reporting a failure as picocli would
     * (one {@code wirehub: <reason>} line per problem).
     */
    int callReporting() {
        try {
            return call();
        } catch (Exception e) {
            return ExitCodes.onFailure(e, console.err(), ExitCodes.FAILURE);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (signal != null) {
            ServerSignal.send(signal);
            return ExitCodes.OK;
        }
        BoundSockets bound = EarlyBind.take();
        try {
            return serve(bound);
        } catch (Exception e) {
            // Clients that connected to a port bound before start hear why, rather than a reset.
            bound.refuse(e instanceof UserFacingException || e instanceof ConfigException ? e.getMessage()
                    : e.toString());
            throw e;
        }
    }

    private int serve(BoundSockets bound) throws Exception {
        List<String> warnings = new ArrayList<>();
        ServerConfig config = buildConfig(warnings);
        if (testConfig) {
            // nats-server -t fails on warnings too: a questionable file is not "valid".
            for (String warning : warnings) {
                console.err().println("wirehub: " + warning);
            }
            if (!warnings.isEmpty()) {
                return ExitCodes.FAILURE;
            }
            console.text().println("configuration file "
                    + (configFile == null ? "(none)" : configFile) + " is valid");
            return ExitCodes.OK;
        }
        configureLogging(config);
        MonitoringHttpLimits.apply();
        for (String warning : warnings) {
            LOG.warn(warning);
        }
        reportMemoryLimit(config.memoryLimit());
        Wirehub server;
        try {
            server = Wirehub.start(config, bound);
        } catch (BindException e) {
            throw new UserFacingException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        try (ProcessFiles files = ProcessFiles.write(config, server)) {
            ServeSignals.install(server, WirehubLoggingProvider.sink(), () -> buildConfig(new ArrayList<>()),
                    reloaded -> {
                        try {
                            configureLogging(reloaded);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            while (!server.awaitTermination(Duration.ofDays(1))) {
                // Runs until a signal stops the server.
            }
        }
        return ExitCodes.OK;
    }

    private static void reportMemoryLimit(long limit) {
        if (limit == 0) {
            return;
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (MemoryLimit.jvmSizedFor(limit, maxHeap)) {
            LOG.info("Memory limit {} MiB (heap at most {} MiB)", limit >> 20, maxHeap >> 20);
        } else {
            LOG.warn("The memory limit is {} MiB but the JVM's heap may grow to {} MiB: start with the wirehub"
                    + " launcher, which sizes the JVM for the limit, or give java -Xmx", limit >> 20, maxHeap >> 20);
        }
    }

    /** The configuration these flags and their config file give (what the launcher's script must bind; tests). */
    ServerConfig config() {
        return buildConfig(new ArrayList<>());
    }

    private ServerConfig buildConfig(List<String> warnings) {
        ServerConfig.Builder builder = ServerConfig.builder();
        if (configFile != null) {
            LoadedConfigFile loaded = ConfigFileLoader.load(configFile);
            builder = loaded.builder();
            warnings.addAll(loaded.warnings());
        }
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        if (name != null) {
            builder.serverName(name);
        }
        if (pidFile != null) {
            builder.pidFile(pidFile);
        }
        if (portsFileDir != null) {
            builder.portsFileDir(portsFileDir);
        }
        if (monitoring != null) {
            MonitoringConfig flag = MonitoringConfig.parse(monitoring);
            // -m PORT keeps a host set by the config file's http: entry, as nats-server does.
            boolean portOnly = monitoring.indexOf(':') < 0;
            builder.monitoring(portOnly ? builder.monitoring().withPort(flag.port()) : flag);
        }
        applyTlsFlags(builder);
        if (store != null) {
            throw new UserFacingException("--store is no longer used: wirehub put/get/ls/rm keep files in JetStream"
                    + " Object Store buckets now; run serve -js (--store_dir DIR for where JetStream keeps them)."
                    + " docs/files.md says how to move files stored under " + store);
        }
        // As nats-server's flags, these override the config file (so no "Duplicate 'store_dir'").
        if (jetstream) {
            builder.jetstream(builder.jetstream().withEnabled(true));
        }
        builder.memoryLimit(MemoryLimit.of(memoryLimit, System.getenv()));
        if (storeDir != null) {
            builder.jetstream(builder.jetstream().withStoreDir(storeDir));
        }
        if (unixSocket != null) {
            builder.unix(builder.unix().withPath(unixSocket));
        }
        if (udp != null) {
            UdpConfig flag = UdpConfig.parse(udp);
            builder.udp(builder.udp().withAddress(udp.indexOf(':') < 0 ? null : flag.host(), flag.port()));
        }
        if (user != null || password != null) {
            builder.authorization(builder.authorization().withUser(user, password));
        }
        if (token != null) {
            builder.authorization(builder.authorization().withToken(token));
        }
        ServerConfig.LoggingConfig logging = builder.logging()
                .withDebug(builder.logging().debug() || debug)
                .withTrace(builder.logging().trace() || trace);
        if (logFile != null) {
            logging = logging.withLogFile(logFile);
        }
        return builder.logging(logging).build();
    }

    /** nats-server's TLS flags, over the config file's tls block. */
    private void applyTlsFlags(ServerConfig.Builder builder) {
        boolean anyFlag = tls || tlsVerify || tlsCert != null || tlsKey != null || tlsCaCert != null;
        if (!anyFlag) {
            return;
        }
        TlsConfig current = builder.tls();
        Path cert = tlsCert != null ? tlsCert : current.certFile();
        Path key = tlsKey != null ? tlsKey : current.keyFile();
        if ((cert == null || key == null) && current.keyStore() == null) {
            throw new UserFacingException("TLS needs a certificate and a key: give --tlscert and --tlskey"
                    + " (./wirehub tls init makes a development set)");
        }
        TlsConfig next = current.keyStore() == null || tlsCert != null ? current.withCertificate(cert, key) : current;
        if (tlsCaCert != null) {
            next = next.withCaFile(tlsCaCert);
        }
        if (tlsVerify) {
            next = next.withVerify(true);
        }
        builder.tls(next);
    }

    private void configureLogging(ServerConfig config) throws IOException {
        ServerConfig.LoggingConfig logging = config.logging();
        LogLevel level = logging.trace() ? LogLevel.TRACE : logging.debug() ? LogLevel.DEBUG : LogLevel.INFO;
        LogSettings.LogFormat format = logFormat == null ? LogSettings.LogFormat.TEXT : logFormat;
        try {
            WirehubLoggingProvider.sink().configure(new LogSettings(level, format, logging.logTime(), logging.logFile(),
                    logging.logTimeUtc(), logging.logSizeLimit(), logging.logMaxFiles()));
        } catch (IOException e) {
            throw new UserFacingException("cannot open log file " + logging.logFile() + ": " + e.getMessage(), e);
        }
    }
}
