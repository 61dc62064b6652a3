package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a {@code websocket { ... }} block as nats-server does:
 * <pre>
 * websocket {
 *   host: 0.0.0.0
 *   port: 8080                    # or listen: "0.0.0.0:8080"
 *   no_tls: true                  # else a tls { } block is required
 *   compression: true             # permessage-deflate for clients that offer it
 *   same_origin: true             # browsers: Origin must match Host
 *   allowed_origins: ["https://app.example.com"]
 *   handshake_timeout: "2s"
 *   socket_options { backlog: 1024 }
 * }
 * </pre>
 */
final class WebSocketBinder {
    private static final String NOT_OFFERED = "is not supported by Wirehub";

    private WebSocketBinder() {
    }

    static WebSocketConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("websocket");
        MapValue map = reader.map(entry);
        Fields f = new Fields();
        if (map != null) {
            Map<String, Consumer<ConfigEntry>> handlers = new HashMap<>();
            handlers.put("host", e -> f.host = EntryValues.string(e));
            handlers.put("net", e -> f.host = EntryValues.string(e));
            handlers.put("port", e -> f.port = EntryValues.smallInteger(e));
            handlers.put("listen", e -> {
                ListenAddress address = ListenAddress.of(e);
                if (address.host() != null) {
                    f.host = address.host();
                }
                f.port = address.port();
            });
            handlers.put("no_tls", e -> f.noTls = EntryValues.bool(e));
            handlers.put("tls", e -> f.tls = TlsBinder.read(e));
            handlers.put("compression", e -> f.compression = EntryValues.bool(e));
            handlers.put("same_origin", e -> f.sameOrigin = EntryValues.bool(e));
            handlers.put("allowed_origins", e -> f.allowedOrigins = origins(e));
            handlers.put("handshake_timeout", e -> f.handshakeTimeout = positive(e));
            handlers.put("socket_options", e -> f.options = SocketOptionsBinder.read(e));
            for (String refused : List.of("advertise", "no_auth_user", "authorization", "jwt_cookie",
                    "user_cookie", "pass_cookie", "token_cookie", "ocsp_peer")) {
                handlers.put(refused, e -> {
                    throw new InvalidValueException("\"" + e.key() + "\" in websocket " + NOT_OFFERED
                            + " (the client port's authorization applies to WebSocket clients)");
                });
            }
            reader.each(map, handlers);
            if (f.port == 0) {
                reader.problem(entry.position(), "websocket needs a port (-1 for any free port)");
            }
        }
        reader.finish();
        return new WebSocketConfig(f.host, f.port, f.noTls, f.tls, f.compression, f.sameOrigin, f.allowedOrigins,
                f.handshakeTimeout, f.options);
    }

    /** The block's values as read so far. */
    private static final class Fields {
        String host = Defaults.HOST;
        int port;
        boolean noTls;
        TlsConfig tls = TlsConfig.OFF;
        boolean compression;
        boolean sameOrigin;
        List<String> allowedOrigins = List.of();
        Duration handshakeTimeout = WebSocketConfig.DEFAULT_HANDSHAKE_TIMEOUT;
        SocketOptionsConfig options = SocketOptionsConfig.DEFAULTS;
    }

    private static Duration positive(ConfigEntry entry) {
        Duration d = EntryValues.durationOrSeconds(entry, warning -> { });
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException("\"" + entry.key() + "\" must be positive");
        }
        return d;
    }

    /** Origins as scheme://host[:port], each checked to be a URL the Origin header could carry. */
    private static List<String> origins(ConfigEntry entry) {
        List<ConfigValue> values = entry.value() instanceof ListValue list ? list.values() : List.of(entry.value());
        List<String> origins = new ArrayList<>();
        for (ConfigValue value : values) {
            if (!(value instanceof StringValue origin)) {
                throw EntryValues.expected(entry, "a list of origins such as \"https://app.example.com\"");
            }
            try {
                URI uri = new URI(origin.value());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new InvalidValueException("allowed origin \"" + origin.value()
                            + "\" is not scheme://host[:port]");
                }
            } catch (java.net.URISyntaxException e) {
                throw new InvalidValueException("allowed origin \"" + origin.value() + "\" is not a URL: "
                        + e.getReason());
            }
            origins.add(origin.value());
        }
        return origins;
    }
}
