package io.wirehub.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code leafnodes { remotes [ ... ] }}: a hub this server dials as a leaf node.
 *
 * @param urls             hub URLs ({@code nats-leaf://[user:pass@]host[:7422]}); tried in turn
 * @param account          the local account bound to this remote ({@code $G} unless given)
 * @param denyImports      subjects never asked from the hub (no LS+; sent as CONNECT deny_pub)
 * @param denyExports      subjects never sent to the hub
 * @param noRandomize      try the URLs in the order written rather than shuffled
 * @param firstInfoTimeout how long to wait for the hub's first INFO
 * @param tls              TLS to the hub ({@code tls {}} on the remote); null for none unless the
 *                         hub requires it (then the JDK's trusted roots are used)
 * @param credentials      a {@code .creds} file (user JWT and nkey seed) to answer the hub's nonce
 *                         with; null for none
 * @param nkeySeed         a user nkey seed to answer the hub's nonce with; null for none (never
 *                         both this and credentials, as nats-server refuses)
 * @param wsCompression    for {@code ws://} and {@code wss://} URLs: offer permessage-deflate
 *                         ({@code ws_compression})
 * @param wsNoMasking      for {@code ws://} and {@code wss://} URLs: ask the hub to accept unmasked
 *                         frames ({@code ws_no_masking}); frames stay masked if it does not agree
 */
public record LeafRemoteConfig(List<URI> urls, String account, List<String> denyImports, List<String> denyExports,
                               boolean noRandomize, Duration firstInfoTimeout, TlsConfig tls,
                               Path credentials, String nkeySeed, boolean wsCompression, boolean wsNoMasking) {
    /** nats-server's default port for leaf connections, used when a URL names none. */
    public static final int DEFAULT_PORT = 7422;
    public static final Duration DEFAULT_FIRST_INFO_TIMEOUT = Duration.ofSeconds(1);

    public LeafRemoteConfig {
        urls = List.copyOf(urls);
        Objects.requireNonNull(account, "account");
        denyImports = List.copyOf(denyImports);
        denyExports = List.copyOf(denyExports);
        Objects.requireNonNull(firstInfoTimeout, "firstInfoTimeout");
    }

    /** A remote without WebSocket options. */
    public LeafRemoteConfig(List<URI> urls, String account, List<String> denyImports, List<String> denyExports,
                            boolean noRandomize, Duration firstInfoTimeout, TlsConfig tls,
                            Path credentials, String nkeySeed) {
        this(urls, account, denyImports, denyExports, noRandomize, firstInfoTimeout, tls, credentials, nkeySeed,
                false, false);
    }

    /** Whether the URLs are WebSocket ones ({@code ws://}, {@code wss://}): all are, or none is. */
    public boolean webSocket() {
        return !urls.isEmpty() && isWebSocket(urls.get(0));
    }

    /** The URL's port, or the one a URL without a port means: 80 for ws, 443 for wss, else 7422. */
    public static int portOf(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        if (isWebSocket(url)) {
            return "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        }
        return DEFAULT_PORT;
    }

    /** Whether this URL's scheme is {@code ws} or {@code wss} (any case), as nats-server's isWSURL. */
    public static boolean isWebSocket(URI url) {
        String scheme = url.getScheme();
        return scheme != null && scheme.toLowerCase(java.util.Locale.ROOT).startsWith("ws");
    }

    /** A remote that authenticates with the URL's user and password, if any. */
    public LeafRemoteConfig(List<URI> urls, String account, List<String> denyImports, List<String> denyExports,
                            boolean noRandomize, Duration firstInfoTimeout, TlsConfig tls) {
        this(urls, account, denyImports, denyExports, noRandomize, firstInfoTimeout, tls, null, null);
    }

    @Override
    public String toString() {
        // The seed is a secret: never in a log line or an exception.
        return "LeafRemoteConfig[urls=" + urls + ", account=" + account + ", credentials=" + credentials
                + ", nkey=" + (nkeySeed == null ? "none" : "set") + "]";
    }
}
