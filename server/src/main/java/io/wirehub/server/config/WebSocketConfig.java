package io.wirehub.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The WebSocket listener ({@code websocket { ... }}, PROTOCOL.md §12): NATS over RFC 6455 for
 * browsers and WebSocket clients. Off unless a port is given; TLS is required unless
 * {@code no_tls: true}, as in nats-server.
 *
 * @param host             address to bind
 * @param port             0 for off; -1 for any free port
 * @param noTls            plain ws:// allowed (nats-server warns: not for production)
 * @param tls              the listener's own certificate; OFF with noTls
 * @param compression      permessage-deflate offered to clients that ask for it
 * @param sameOrigin       a browser's Origin must match the Host it connects to
 * @param allowedOrigins   origins a browser may connect from (empty: any)
 * @param handshakeTimeout time for the HTTP upgrade (and TLS handshake) to complete
 * @param options          socket options of this listener
 */
public record WebSocketConfig(String host, int port, boolean noTls, TlsConfig tls, boolean compression,
        boolean sameOrigin, List<String> allowedOrigins, Duration handshakeTimeout, SocketOptionsConfig options) {
    /** nats-server's default: the TLS timeout's 2 s. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    public static final WebSocketConfig OFF = new WebSocketConfig(Defaults.HOST, 0, false, TlsConfig.OFF, false, false,
            List.of(), DEFAULT_HANDSHAKE_TIMEOUT, SocketOptionsConfig.DEFAULTS);

    public WebSocketConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(options, "options");
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public boolean enabled() {
        return port != 0;
    }

    /** A plain ws:// listener on host:port with everything else at its default (for tests and embedding). */
    public static WebSocketConfig plain(String host, int port) {
        return new WebSocketConfig(host, port, true, TlsConfig.OFF, false, false, List.of(), DEFAULT_HANDSHAKE_TIMEOUT,
                SocketOptionsConfig.DEFAULTS);
    }

    public WebSocketConfig withCompression(boolean on) {
        return new WebSocketConfig(host, port, noTls, tls, on, sameOrigin, allowedOrigins, handshakeTimeout, options);
    }

    public WebSocketConfig withOrigins(boolean same, List<String> allowed) {
        return new WebSocketConfig(host, port, noTls, tls, compression, same, allowed, handshakeTimeout, options);
    }

    public WebSocketConfig withTls(TlsConfig newTls) {
        return new WebSocketConfig(host, port, false, newTls, compression, sameOrigin, allowedOrigins,
                handshakeTimeout, options);
    }

    public WebSocketConfig withAddress(String newHost) {
        return new WebSocketConfig(newHost, port, noTls, tls, compression, sameOrigin, allowedOrigins,
                handshakeTimeout, options);
    }

    public WebSocketConfig withHandshakeTimeout(Duration timeout) {
        return new WebSocketConfig(host, port, noTls, tls, compression, sameOrigin, allowedOrigins, timeout, options);
    }

    /** ws or wss, for URLs and logs. */
    public String scheme() {
        return tls.enabled() ? "wss" : "ws";
    }
}
