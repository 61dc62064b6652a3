package io.wirehub.client.unix;

import io.nats.client.Options;
import io.nats.client.impl.UnixSocketDataPort;

/**
 * {@code unix:///path/to/socket} URLs for jnats, which only knows nats, tls and ws schemes:
 *
 * <pre>{@code
 * Options options = UnixSockets.configure(new Options.Builder(), "unix:///run/wirehub.sock").build();
 * Connection nc = Nats.connect(options);
 * }</pre>
 *
 * The URL is handed to jnats as {@code nats://127.0.0.1:4222/run/wirehub.sock} (an IP host, so
 * jnats never resolves it) together with {@link UnixSocketDataPort}, which ignores host and port
 * and connects to the path.
 */
public final class UnixSockets {
    public static final String SCHEME = "unix://";
    /** Never dialled: the data port only reads the path. */
    private static final String CARRIER = "nats://127.0.0.1:4222";

    private UnixSockets() {
    }

    public static boolean isUnixUrl(String url) {
        return url != null && url.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The socket file's path in a {@code unix:///path} (or {@code unix:/path}) URL. */
    public static String path(String unixUrl) {
        if (!isUnixUrl(unixUrl) && !unixUrl.regionMatches(true, 0, "unix:", 0, 5)) {
            throw new IllegalArgumentException("not a unix:// URL: " + unixUrl);
        }
        String rest = unixUrl.substring(unixUrl.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            // unix://host/... would name a host; only an empty authority (three slashes) is a path.
            rest = rest.startsWith("///") ? rest.substring(2) : "";
        }
        if (!rest.startsWith("/") || rest.length() < 2) {
            throw new IllegalArgumentException("a unix URL names an absolute path, as unix:///run/wirehub.sock; got "
                    + unixUrl);
        }
        return rest;
    }

    /** Points the builder at the socket file: server URL and data port both set. */
    public static Options.Builder configure(Options.Builder builder, String unixUrl) {
        return builder.server(CARRIER + path(unixUrl)).dataPortType(UnixSocketDataPort.class.getName());
    }
}
