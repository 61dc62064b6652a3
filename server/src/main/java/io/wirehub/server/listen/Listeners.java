package io.wirehub.server.listen;

import com.sun.net.httpserver.HttpServer;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.UdpConfig;
import io.wirehub.server.config.UnixSocketConfig;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.connection.DatagramPublisher;
import io.wirehub.server.monitor.MonitorServer;
import io.wirehub.server.monitor.ServerView;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.server.transport.InheritedHttpServer;
import io.wirehub.server.transport.SocketListener;
import io.wirehub.server.transport.TcpListener;
import io.wirehub.server.transport.UnixSocketListener;
import io.wirehub.server.transport.datagram.UdpListener;
import io.wirehub.server.transport.tls.ServerTlsContext;
import io.wirehub.server.transport.tls.TlsSetupException;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds and starts each kind of listener the config asks for, and logs where it listens. Each
 * returns a running {@link Listener}; errors are worded by {@link RunningListeners#start}.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    /**
     * The client port's socket, not yet accepting: the one bound before start when it is where
     * the configuration says, else bound now.
     */
    public static TcpListener bindClient(ServerConfig config, BoundSockets before) throws IOException {
        ServerSocketChannel socket = before.take(Listener.Kind.CLIENT, config.host(), config.port());
        return socket != null ? TcpListener.adopt(socket, config.socketOptions())
                : TcpListener.bind(config.host(), config.port(), config.socketOptions());
    }

    /** Starts the client port on its socket (possibly bound before the JVM loaded the server). */
    public static Listener client(TcpListener bound, ClientPort port, String host) {
        bound.start(port);
        return onSocket(Listener.Kind.CLIENT, bound, bound.port(),
                "nats://" + Addresses.hostPort(Addresses.connectable(host), bound.port()));
    }

    public static Listener unix(UnixSocketConfig config, ConnectionServices services, BoundSockets before)
            throws IOException {
        ServerSocketChannel socket = before.takeUnix(config.path(), config.mode());
        UnixSocketListener unix = socket != null ? UnixSocketListener.adopt(socket, config.path(), config.options())
                : UnixSocketListener.bind(config.path(), config.mode(), config.options());
        // TLS on the client port does not extend to the Unix socket: the kernel is the peer check.
        unix.start(accepted -> ClientConnection.accept(accepted, services, services.info()));
        LOG.info("Listening for client connections on unix socket {} ({})", unix.path(),
                UnixSocketListener.describeMode(config.mode()));
        return onSocket(Listener.Kind.UNIX, unix, 0, "unix://" + unix.path());
    }

    /** @throws io.wirehub.server.config.ConfigException when the listener's TLS files are unusable */
    public static Listener webSocket(WebSocketConfig config, ConnectionServices services, BoundSockets before)
            throws IOException {
        return webSocket(config, services, before, upgraded -> false);
    }

    /**
     * @param leafs takes a connection upgraded on {@code /leafnode} as a leaf spoke's; false when
     *              this server accepts no leaf connections (the upgrade is then closed)
     * @throws io.wirehub.server.config.ConfigException when the listener's TLS files are unusable
     */
    public static Listener webSocket(WebSocketConfig config, ConnectionServices services, BoundSockets before,
                                     java.util.function.Predicate<io.wirehub.server.transport.Transport> leafs)
            throws IOException {
        WebSocketPort port = new WebSocketPort(config, services, leafs);
        ServerSocketChannel socket = before.take(Listener.Kind.WEBSOCKET, config.host(), config.port());
        TcpListener bound = socket != null ? TcpListener.adopt(socket, config.options())
                : TcpListener.bind(config.host(), config.port(), config.options());
        port.listening(bound.port());
        bound.start(port);
        LOG.info("Listening for websocket clients on {}://{}", config.scheme(),
                Addresses.hostPort(config.host(), bound.port()));
        if (config.noTls()) {
            // nats-server's own warning, word for word.
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
        String url = config.scheme() + "://" + Addresses.hostPort(Addresses.connectable(config.host()), bound.port());
        return new Running(Listener.Kind.WEBSOCKET, bound.port(), url, bound.describe(), bound::close,
                bound::awaitStopped, next -> port.reloadTls(next.websocket()));
    }

    public static Listener udp(UdpConfig config, ConnectionServices services, DatagramStats stats)
            throws IOException {
        UdpListener udp = UdpListener.bind(config.host(), config.port(), config.ratePerSource(), stats);
        udp.start(new DatagramPublisher(services, config.publishAllowed()));
        LOG.info("Listening for UDP publishes on {} ({} datagrams/s per source{})",
                Addresses.hostPort(config.host(), udp.port()),
                config.ratePerSource() == 0 ? "no limit on" : config.ratePerSource(),
                config.publishAllowed().isEmpty() ? "" : ", publish only to " + config.publishAllowed());
        String url = "udp://" + Addresses.hostPort(Addresses.connectable(config.host()), udp.port());
        return new Running(Listener.Kind.UDP, udp.port(), url, url, udp::close, udp::awaitStopped);
    }

    public static Listener monitoring(MonitoringConfig config, ServerView server, ScheduledExecutorService timer,
            BoundSockets before, TlsConfig tls) throws IOException {
        if (!Addresses.isLoopback(config.host())) {
            LOG.warn("Monitoring on {} is reachable from other machines: /connz shows every client's address and"
                    + " name. Bind it to loopback (http: \"127.0.0.1:{}\") unless that is intended",
                    Addresses.hostPort(config.host(), config.port()), config.port() < 0 ? 8222 : config.port());
        }
        // The same TCP socket serves HTTP or HTTPS: the launcher binds it as "monitoring" either way.
        ServerSocketChannel socket = before.take(Listener.Kind.MONITORING, config.host(), config.port());
        if (config.https()) {
            return httpsMonitoring(config, server, timer, tls, socket, before);
        }
        HttpServer http = null;
        if (socket != null) {
            try {
                http = InheritedHttpServer.on(socket);
            } catch (IOException e) {
                LOG.warn("Monitoring binds its own socket: {}", e.getMessage());
            }
        }
        MonitorServer monitor = http != null ? MonitorServer.start(http, server, timer)
                : MonitorServer.start(config, server, timer);
        String url = "http://" + Addresses.hostPort(Addresses.connectable(config.host()), monitor.port());
        LOG.info("Starting http monitor on {}", url);
        // Nothing to wait for after close: the HTTP server's stop waits for its own exchanges.
        return new Running(Listener.Kind.MONITORING, monitor.port(), url, url, monitor::close, millis -> {
        });
    }

    /**
     * HTTPS monitoring with the client port's certificate ({@code https_port}), on {@code socket}
     * when one was bound before start where the configuration says, else on a socket bound now.
     */
    private static Listener httpsMonitoring(MonitoringConfig config, ServerView server, ScheduledExecutorService timer,
            TlsConfig tls, ServerSocketChannel socket, BoundSockets before) throws IOException {
        ServerTlsContext context;
        try {
            context = ServerTlsContext.of(tls);
        } catch (TlsSetupException e) {
            if (socket != null) {
                before.tcp(Listener.Kind.MONITORING, socket); // back, so a client waiting on it hears why
            }
            throw new ConfigException("https monitoring: " + e.getMessage());
        }
        com.sun.net.httpserver.HttpsServer https = null;
        if (socket != null) {
            try {
                https = InheritedHttpServer.httpsOn(socket);
            } catch (IOException e) {
                LOG.warn("Monitoring binds its own socket: {}", e.getMessage());
            }
        }
        if (https == null) {
            https = com.sun.net.httpserver.HttpsServer.create(
                    new java.net.InetSocketAddress(config.host(), Math.max(0, config.port())), MonitorServer.BACKLOG);
        }
        https.setHttpsConfigurator(context.httpsConfigurator());
        MonitorServer monitor = MonitorServer.start(https, server, timer);
        String url = "https://" + Addresses.hostPort(Addresses.connectable(config.host()), monitor.port());
        LOG.info("Starting https monitor on {}", url);
        return new Running(Listener.Kind.MONITORING, monitor.port(), url, url, monitor::close, millis -> {
        });
    }

    private static Listener onSocket(Listener.Kind kind, SocketListener<?> socket, int port, String url) {
        return new Running(kind, port, url, socket.describe(), socket::close, socket::awaitStopped, NO_TLS_RELOAD);
    }

    /** A listener without TLS files of its own to read again. */
    private static final TlsReload NO_TLS_RELOAD = next -> false;

    /** Reads a listener's TLS files again; see {@link Listener#reloadTls}. */
    @FunctionalInterface
    private interface TlsReload {
        boolean reload(io.wirehub.server.config.ServerConfig next);
    }

    /** Waits for a listener's thread to end. */
    @FunctionalInterface
    private interface StopWait {
        void await(long millis) throws InterruptedException;
    }

    /** A started listener: what it is, and how to stop it. */
    private record Running(Listener.Kind kind, int port, String url, String describe, Runnable stop, StopWait stopped,
                           TlsReload tlsReload) implements Listener {
        Running(Listener.Kind kind, int port, String url, String describe, Runnable stop, StopWait stopped) {
            this(kind, port, url, describe, stop, stopped, NO_TLS_RELOAD);
        }

        @Override
        public boolean reloadTls(io.wirehub.server.config.ServerConfig next) {
            return tlsReload.reload(next);
        }

        @Override
        public void close() {
            stop.run();
        }

        @Override
        public void awaitStopped(long millis) throws InterruptedException {
            stopped.await(millis);
        }
    }
}
