package io.wirehub.server.transport.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Origin checks against cross-site WebSocket hijacking (ATTACKS 9), as nats-server makes them:
 * only when a browser sends {@code Origin}; {@code same_origin} compares its host and port with the
 * {@code Host} header's, {@code allowed_origins} compares scheme, host and port with each entry.
 * Missing ports default to 80, or 443 for https (for Host: when the request came over TLS).
 */
final class OriginPolicy {
    /** One origin: scheme and host lower case, port always explicit. */
    record Origin(String scheme, String host, int port) {
    }

    private final boolean sameOrigin;
    private final List<Origin> allowed;

    OriginPolicy(boolean sameOrigin, List<String> allowedOrigins) {
        this.sameOrigin = sameOrigin;
        this.allowed = parseAllowed(allowedOrigins);
    }

    /** The configured origins, or IllegalArgumentException naming the first that is not a URL. */
    static List<Origin> parseAllowed(List<String> origins) {
        List<Origin> parsed = new ArrayList<>();
        for (String origin : origins) {
            Origin o = parseOrigin(origin);
            if (o == null) {
                throw new IllegalArgumentException("allowed origin is not a URL like http://host:port: " + origin);
            }
            parsed.add(o);
        }
        return List.copyOf(parsed);
    }

    /**
     * Why the origin is refused, or null when it is allowed.
     *
     * @param origin the request's Origin header, or null when it has none
     * @param host   the request's Host header
     * @param tls    whether the request came over TLS (the default port of Host)
     */
    String refusal(String origin, String host, boolean tls) {
        if (origin == null || origin.isEmpty() || (!sameOrigin && allowed.isEmpty())) {
            // Only browsers send Origin; any other client could write whatever it likes there.
            return null;
        }
        Origin o = parseOrigin(origin);
        if (o == null) {
            return "invalid origin";
        }
        if (sameOrigin) {
            Origin requested = parseHost(host, tls ? "https" : "http");
            if (requested == null || !requested.host().equals(o.host()) || requested.port() != o.port()) {
                return "not same origin";
            }
        }
        if (!allowed.isEmpty() && !allowed.contains(o)) {
            return "not in the allowed list";
        }
        return null;
    }

    /** {@code scheme://host[:port]}, ignoring any path; null when it is not that. */
    static Origin parseOrigin(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A Host header, {@code host[:port]} or {@code [v6][:port]}; null when malformed. */
    static Origin parseHost(String hostHeader, String scheme) {
        String host = hostHeader.trim();
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = host.substring(close + 1);
            host = host.substring(0, close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                if (host.indexOf(':', colon + 1) >= 0) {
                    return null; // an IPv6 address without brackets: ambiguous, as Go's SplitHostPort says
                }
                port = host.substring(colon + 1);
                host = host.substring(0, colon);
            }
        }
        int number = defaultPort(scheme);
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return host.isEmpty() ? null : new Origin(scheme, host.toLowerCase(Locale.ROOT), number);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }
}
