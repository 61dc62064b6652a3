package io.wirehub.server.protocol;

/**
 * The server-wide fields of the INFO a client receives, per listener (TLS fields and, for
 * WebSocket, host and port differ). {@link WireEncoder#info} renders it with the per-connection
 * fields (client_id, client_ip, nonce, ldm).
 */
public final class ServerInfo {
    /** nats-server release whose behaviour Wirehub matches; clients gate features on it. */
    public static final String PROTOCOL_VERSION = "2.10.29";

    private final String serverId;
    private final String serverName;
    private final String runtime;
    private final String host;
    private final int port;
    private final boolean headers;
    private final int maxPayload;
    private final boolean tlsRequired;
    private final boolean tlsVerify;
    private final boolean tlsAvailable;
    /** Whether JetStream runs; INFO then carries {@code "jetstream":true}. */
    private final boolean jetstream;
    /** The JetStream domain; "" for none (INFO omits it). */
    private final String domain;

    /**
     * @param runtime shown in the {@code go} field, which clients only display
     */
    public ServerInfo(String serverId, String serverName, String runtime, String host, int port,
                      boolean headers, int maxPayload) {
        this(serverId, serverName, runtime, host, port, headers, maxPayload, false, false, false, false, "");
    }

    private ServerInfo(String serverId, String serverName, String runtime, String host, int port, boolean headers,
                       int maxPayload, boolean tlsRequired, boolean tlsVerify, boolean tlsAvailable,
                       boolean jetstream, String domain) {
        this.serverId = serverId;
        this.serverName = serverName;
        this.runtime = runtime;
        this.host = host;
        this.port = port;
        this.headers = headers;
        this.maxPayload = maxPayload;
        this.tlsRequired = tlsRequired;
        this.tlsVerify = tlsVerify;
        this.tlsAvailable = tlsAvailable;
        this.jetstream = jetstream;
        this.domain = domain;
    }

    /**
     * The same INFO for a listener with TLS: {@code tls_required} (or {@code tls_available} when
     * plain clients are allowed too) and {@code tls_verify} when client certificates are checked.
     */
    public ServerInfo withTls(boolean required, boolean verify, boolean available) {
        return new ServerInfo(serverId, serverName, runtime, host, port, headers, maxPayload, required, verify,
                available, jetstream, domain);
    }

    /** The same INFO for another listener (2.10 gives WebSocket clients the ws listener's host and port). */
    public ServerInfo withListener(String newHost, int newPort) {
        return new ServerInfo(serverId, serverName, runtime, newHost, newPort, headers, maxPayload, tlsRequired,
                tlsVerify, tlsAvailable, jetstream, domain);
    }

    /** The same INFO from a server running JetStream, in {@code domain} ("" for none). */
    public ServerInfo withJetStream(String jetStreamDomain) {
        return new ServerInfo(serverId, serverName, runtime, host, port, headers, maxPayload, tlsRequired,
                tlsVerify, tlsAvailable, true, jetStreamDomain);
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return serverName;
    }

    String runtime() {
        return runtime;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    boolean headers() {
        return headers;
    }

    int maxPayload() {
        return maxPayload;
    }

    boolean tlsRequired() {
        return tlsRequired;
    }

    boolean tlsVerify() {
        return tlsVerify;
    }

    boolean tlsAvailable() {
        return tlsAvailable;
    }

    public boolean jetstream() {
        return jetstream;
    }

    String domain() {
        return domain;
    }
}
