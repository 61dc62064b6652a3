package io.wirehub.cli;

import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.SocketOptionsConfig;
import io.wirehub.server.transport.TcpListener;
import java.nio.file.Path;
import java.util.Set;

/**
 * Binds the client port of {@code wirehub serve} before anything slow is loaded. Test harnesses
 * written for nats-server try to connect once, about 100 ms after starting the process; a bound
 * port accepts (into the backlog) long before the command line framework and the server are up.
 *
 * <p>Only the flags that place the port are pre-scanned (names shared with {@link ServeCommand}
 * through {@link ServeFlags}). Anything unusual — help, version, a config check, a file that does
 * not load, a port that will not bind — skips the early bind; the normal start then does
 * everything, including reporting the error.
 */
final class EarlyBind {
    private static final Set<String> SKIP = Set.of("-t", "-h", "--help", "-v", "--version", "-js", "--jetstream",
            "-jetstream");

    /** The pre-bound listener and what it was bound for; null when nothing was bound. */
    private static volatile Bound bound;

    record Bound(String host, int port, SocketOptionsConfig options, TcpListener listener) {
    }

    private EarlyBind() {
    }

    /** Binds early when {@code args} start a server; never throws. */
    static void bindIfServing(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return;
        }
        try {
            String host = null;
            Integer port = null;
            Path config = null;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (SKIP.contains(arg)) {
                    return;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (flagName(arg)) {
                    case ServeFlags.ADDR_SHORT, ServeFlags.ADDR_LONG, ServeFlags.ADDR_GO, ServeFlags.NET_LONG,
                         ServeFlags.NET_GO -> host = inlineOr(arg, value);
                    case ServeFlags.PORT_SHORT, ServeFlags.PORT_LONG, ServeFlags.PORT_GO ->
                            port = Integer.parseInt(inlineOr(arg, value));
                    case ServeFlags.CONFIG_SHORT, ServeFlags.CONFIG_LONG, ServeFlags.CONFIG_GO ->
                            config = Path.of(inlineOr(arg, value));
                    default -> {
                        continue;
                    }
                }
                if (arg.indexOf('=') < 0) {
                    i++;
                }
            }
            ServerConfig fromFile = config == null ? ServerConfig.defaults() : ConfigFileLoader.load(config).builder().build();
            String finalHost = host != null ? host : fromFile.host();
            int finalPort = port != null ? port : fromFile.port();
            bound = new Bound(finalHost, finalPort, fromFile.socketOptions(),
                    TcpListener.bind(finalHost, finalPort, fromFile.socketOptions()));
        } catch (Exception | Error e) {
            // Whatever went wrong is found and reported again by the normal start.
            bound = null;
        }
    }

    /**
     * Hands over the early listener if it was bound for {@code host}:{@code port}; otherwise
     * closes it (the normal start binds) and returns null.
     */
    static TcpListener take(String host, int port, SocketOptionsConfig options) {
        Bound b = bound;
        bound = null;
        if (b == null) {
            return null;
        }
        if (b.host().equals(host) && b.port() == port && b.options().equals(options)) {
            return b.listener();
        }
        b.listener().close();
        return null;
    }

    private static String flagName(String arg) {
        int eq = arg.indexOf('=');
        return eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static String inlineOr(String arg, String next) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
            return arg.substring(eq + 1);
        }
        if (next == null) {
            throw new IllegalArgumentException("missing value after " + arg);
        }
        return next;
    }
}
