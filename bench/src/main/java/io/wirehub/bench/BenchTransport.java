package io.wirehub.bench;

import io.nats.client.Options;
import io.wirehub.client.unix.UnixSockets;

/** How a benchmark client reaches the server under test. */
enum BenchTransport {
    TCP("TCP"),
    TLS("TLS"),
    WEBSOCKET("WebSocket"),
    UNIX("Unix socket");

    private final String label;

    BenchTransport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** jnats options for this transport, or null when the server does not offer it. */
    Options.Builder options(BenchServer server) {
        Options.Builder builder = new Options.Builder().maxReconnects(0);
        TransportEndpoints endpoints = server.endpoints();
        return switch (this) {
            case TCP -> builder.server(server.url());
            case TLS -> endpoints == null ? null
                    : builder.server("tls://127.0.0.1:" + server.port()).sslContext(endpoints.clientTls());
            case WEBSOCKET -> endpoints == null ? null : builder.server("ws://127.0.0.1:" + endpoints.websocketPort());
            case UNIX -> endpoints == null || endpoints.unixSocket() == null ? null
                    : UnixSockets.configure(builder, "unix://" + endpoints.unixSocket());
        };
    }
}
