package io.wirehub.cli;

import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.listen.BoundSockets;
import io.wirehub.server.listen.Listener;
import io.wirehub.server.transport.TcpListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The listening sockets {@code wirehub serve} has before anything slow is loaded. Test harnesses
 * written for nats-server try to connect once, about 100 ms after starting the process; a bound
 * port accepts (into the backlog) long before the server is up.
 *
 * <p>Normally the launcher has bound every listener before the JVM started and hands them in
 * ({@link InheritedListeners}); they are taken here, first thing. When it has not (no perl, a
 * config it could not read for sure, the command run without the launcher), the client port is
 * bound here instead, from a pre-scan of the flags that place it (names shared with
 * {@link ServeCommand} through {@link ServeFlags}). Anything unusual — help, version, a config
 * check, a file that does not load, a port that will not bind — skips this early bind; the normal
 * start then does everything, including reporting the error.
 */
final class EarlyBind {
    private static final Set<String> SKIP = Set.of("-t", "-h", "--help", "-v", "--version", "-sl", "--signal",
            "-signal");

    /** What was bound; null when nothing was. */
    private static volatile BoundSockets bound;
    /** Why inherited sockets were refused; null when they were not. */
    private static volatile String refusal;

    private EarlyBind() {
    }

    /** Takes inherited sockets, or binds the client port early, when {@code args} start a server; never throws. */
    static void bindIfServing(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return;
        }
        if (InheritedListeners.declared(System.getenv())) {
            try {
                bound = InheritedListeners.take(System.getenv());
            } catch (IOException e) {
                refusal = e.getMessage();
            }
            return;
        }
        try {
            bindClientPort(args);
        } catch (Exception | Error e) {
            // Whatever went wrong is found and reported again by the normal start.
            bound = null;
        }
    }

    private static void bindClientPort(String[] args) throws IOException {
        String host = null;
        Integer port = null;
        Path config = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (SKIP.contains(flagName(arg))) {
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
        bound = BoundSockets.none().tcp(Listener.Kind.CLIENT,
                TcpListener.bindSocket(finalHost, finalPort, fromFile.socketOptions()));
    }

    /**
     * The sockets bound early, for the server to take what matches its final configuration.
     *
     * @throws UserFacingException when the launcher handed over something that is not a listening
     *                             socket of the kind it said
     */
    static BoundSockets take() {
        String refused = refusal;
        refusal = null;
        if (refused != null) {
            throw new UserFacingException(refused);
        }
        BoundSockets b = bound;
        bound = null;
        return b == null ? BoundSockets.none() : b;
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
