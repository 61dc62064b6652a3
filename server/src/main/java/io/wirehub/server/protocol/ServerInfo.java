package io.wirehub.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The INFO a client receives: the server-wide fields rendered once, the per-connection ones
 * (client_id, client_ip, nonce, ldm) added per line. Field order follows nats-server, and the line
 * is {@code INFO {...} CRLF} with the space before CRLF that nats-server writes.
 */
public final class ServerInfo {
    /** nats-server release whose behaviour Wirehub matches; clients gate features on it. */
    public static final String PROTOCOL_VERSION = "2.10.29";
    private static final JsonFactory JSON = JsonFactory.builder().build();

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

    /**
     * @param runtime shown in the {@code go} field, which clients only display
     */
    public ServerInfo(String serverId, String serverName, String runtime, String host, int port,
                      boolean headers, int maxPayload) {
        this(serverId, serverName, runtime, host, port, headers, maxPayload, false, false, false);
    }

    private ServerInfo(String serverId, String serverName, String runtime, String host, int port, boolean headers,
                       int maxPayload, boolean tlsRequired, boolean tlsVerify, boolean tlsAvailable) {
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
    }

    /**
     * The same INFO for a listener with TLS: {@code tls_required} (or {@code tls_available} when
     * plain clients are allowed too) and {@code tls_verify} when client certificates are checked.
     */
    public ServerInfo withTls(boolean required, boolean verify, boolean available) {
        return new ServerInfo(serverId, serverName, runtime, host, port, headers, maxPayload, required, verify,
                available);
    }

    /** The same INFO for another listener (2.10 gives WebSocket clients the ws listener's host and port). */
    public ServerInfo withListener(String newHost, int newPort) {
        return new ServerInfo(serverId, serverName, runtime, newHost, newPort, headers, maxPayload, tlsRequired,
                tlsVerify, tlsAvailable);
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return serverName;
    }

    /**
     * Renders the INFO line for one connection.
     *
     * @param nonce        null unless the connection must sign a challenge
     * @param authRequired whether the client must send credentials (false with no_auth_user)
     * @param lameDuck     true for the lame-duck notice
     */
    public byte[] render(long clientId, String clientIp, String nonce, boolean authRequired, boolean lameDuck) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        out.writeBytes("INFO ".getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("server_id", serverId);
            json.writeStringField("server_name", serverName);
            json.writeStringField("version", PROTOCOL_VERSION);
            json.writeNumberField("proto", 1);
            json.writeStringField("go", runtime);
            json.writeStringField("host", host);
            json.writeNumberField("port", port);
            json.writeBooleanField("headers", headers);
            if (authRequired) {
                json.writeBooleanField("auth_required", true);
            }
            if (tlsRequired) {
                json.writeBooleanField("tls_required", true);
            }
            if (tlsVerify) {
                json.writeBooleanField("tls_verify", true);
            }
            if (tlsAvailable) {
                json.writeBooleanField("tls_available", true);
            }
            json.writeNumberField("max_payload", maxPayload);
            json.writeNumberField("client_id", clientId);
            json.writeStringField("client_ip", clientIp);
            if (nonce != null) {
                json.writeStringField("nonce", nonce);
            }
            if (lameDuck) {
                json.writeBooleanField("ldm", true);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering INFO into memory", e);
        }
        out.writeBytes(" \r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
