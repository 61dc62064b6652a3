package io.wirehub.server.transport.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a WebSocket listener allows (PROTOCOL.md §12), as the handshake and the framing need it.
 *
 * @param compression       offer permessage-deflate to clients that ask for it
 * @param sameOrigin        a browser's Origin must name the host and port the request was sent to
 * @param allowedOrigins    when not empty, a browser's Origin (scheme, host, port) must be one of
 *                          these, e.g. {@code http://localhost:8080}
 * @param handshakeTimeout  how long a client has to complete the upgrade request (slowloris, ATTACKS 4)
 * @param maxMessageSize    the largest message a client may send, counted over all its fragments
 *                          and after inflating; the caller passes max_payload plus room for the
 *                          protocol line
 * @param maxHandshakeBytes the largest upgrade request (request line and headers)
 */
public record WebSocketSettings(boolean compression, boolean sameOrigin, List<String> allowedOrigins,
                                Duration handshakeTimeout, long maxMessageSize, int maxHandshakeBytes) {

    /** nats-server answers with 431 past this; Go's default is far larger, but no client needs it. */
    public static final int DEFAULT_MAX_HANDSHAKE_BYTES = 8 * 1024;
    /** nats-server's default handshake_timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    public WebSocketSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        if (maxHandshakeBytes < 64) {
            throw new IllegalArgumentException("maxHandshakeBytes too small: " + maxHandshakeBytes);
        }
        // Checked here, at configuration time, rather than on the first browser that connects.
        OriginPolicy.parseAllowed(allowedOrigins);
    }

    /** No compression, no origin checks, default timeout and request cap. */
    public static WebSocketSettings defaults(long maxMessageSize) {
        return new WebSocketSettings(false, false, List.of(), DEFAULT_HANDSHAKE_TIMEOUT, maxMessageSize,
                DEFAULT_MAX_HANDSHAKE_BYTES);
    }

    public WebSocketSettings withCompression(boolean enabled) {
        return new WebSocketSettings(enabled, sameOrigin, allowedOrigins, handshakeTimeout, maxMessageSize,
                maxHandshakeBytes);
    }

    public WebSocketSettings withOrigins(boolean same, List<String> allowed) {
        return new WebSocketSettings(compression, same, allowed, handshakeTimeout, maxMessageSize,
                maxHandshakeBytes);
    }

    public WebSocketSettings withHandshakeTimeout(Duration timeout) {
        return new WebSocketSettings(compression, sameOrigin, allowedOrigins, timeout, maxMessageSize,
                maxHandshakeBytes);
    }
}
