package io.wirehub.server.leaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.auth.Nonces;
import io.wirehub.server.transport.tls.ServerTlsContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's half of a spoke's arrival (nats-server leafnode.go, accept side, and auth.go): INFO
 * with a nonce, TLS when the leafnode port has it, the spoke's CONNECT within the auth timeout,
 * and its credentials. A refused spoke gets nats-server's {@code -ERR} and is closed here; an
 * admitted one goes on as a {@link LeafSession}. Immutable; {@link #run} runs on the connection's
 * own thread.
 */
final class SpokeHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(SpokeHandshake.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** nats-server AUTH_TIMEOUT: CONNECT must come this soon after INFO. */
    private static final int AUTH_TIMEOUT_MILLIS = 2000;

    /** A spoke that may join: its stream (after TLS), its CONNECT and who it is. */
    record Joined(LeafStream stream, HubInput in, JsonNode connect, SpokeAuthorization.Admitted admitted, String nonce) {
    }

    private final HubInfo info;
    /** Null when the leafnode port has no TLS. */
    private final ServerTlsContext tls;
    private final SpokeAuthorization authorization;
    private final int maxLine;

    SpokeHandshake(HubInfo info, ServerTlsContext tls, SpokeAuthorization authorization, int maxLine) {
        this.info = info;
        this.tls = tls;
        this.authorization = authorization;
        this.maxLine = maxLine;
    }

    /**
     * @param accepted the connection: a socket from the leafnode port, or a WebSocket upgraded on
     *                 {@code /leafnode} (no TLS here: wss ran before the upgrade, as nats-server
     *                 skips the leaf TLS handshake on a WebSocket)
     * @return the joined spoke, or null when it was refused (answered, logged and closed)
     */
    Joined run(LeafStream accepted, long id) {
        LeafStream stream = accepted;
        // nats-server names a WebSocket leaf "lid_ws" in its log lines ("%s - lid%s:%d").
        String where = accepted.remoteHost() + ":" + accepted.remotePort() + " - lid"
                + (accepted instanceof WebSocketLeafStream ? "_ws:" : ":") + id;
        boolean secure = tls != null && accepted.socket() != null;
        try {
            if (accepted.socket() != null) {
                accepted.socket().setTcpNoDelay(true);
            }
            String nonce = Nonces.next();
            write(stream.output(), info.first(id, nonce));
            X509Certificate certificate = null;
            if (secure) {
                SSLSocket secured = tls.handshakeAccepted(accepted.socket());
                stream = LeafStream.of(secured);
                certificate = peerCertificate(secured);
            }
            // nats-server: the TLS timeout plus a second when TLS runs first, else AUTH_TIMEOUT.
            stream.readTimeout(secure ? (int) tls.config().timeout().toMillis() + 1000 : AUTH_TIMEOUT_MILLIS);
            HubInput in = new HubInput(stream.input(), maxLine);
            String line = in.readLine();
            if (!line.startsWith("CONNECT ")) {
                refuse(stream, where, "Authentication Timeout");
                return null;
            }
            JsonNode connect = JSON.readTree(line.substring(8));
            if (connect.has("lang")) {
                refuse(stream, where, "attempted to connect to leaf node port");
                return null;
            }
            SpokeAuthorization.Admitted admitted = authorization.admit(connect, nonce, certificate);
            if (admitted == null) {
                String user = connect.path("user").asText(connect.path("nkey").asText(""));
                LOG.error("{} - authentication error - User \"{}\"", where, user);
                refuse(stream, where, "Authorization Violation");
                return null;
            }
            stream.readTimeout(0);
            return new Joined(stream, in, connect, admitted, nonce);
        } catch (SocketTimeoutException e) {
            refuse(stream, where, "Authentication Timeout");
        } catch (javax.net.ssl.SSLException e) {
            LOG.error("{} - TLS handshake error: {}", where, e.getMessage());
            stream.close();
        } catch (IOException e) {
            LOG.debug("{} - leafnode handshake ended: {}", where, e.getMessage());
            stream.close();
        }
        return null;
    }

    private static X509Certificate peerCertificate(SSLSocket socket) {
        try {
            return socket.getSession().getPeerCertificates()[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate asked for
        }
    }

    private static void refuse(LeafStream stream, String where, String error) {
        try {
            write(stream.output(), ("-ERR '" + error + "'\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("{} - could not send -ERR: {}", where, e.getMessage());
        }
        stream.close(error);
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
