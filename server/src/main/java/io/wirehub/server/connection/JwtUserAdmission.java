package io.wirehub.server.connection;

import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.UserGrant;
import java.net.InetAddress;
import java.time.ZonedDateTime;

/**
 * The checks of a user JWT that need the connection: its type ({@code allowed_connection_types}),
 * the client's address ({@code src}) and the time ({@code times}), as nats-server makes them after
 * the signature. On a config or account reload they are made again, so a user taken out of a
 * window or a network is disconnected as it would be refused.
 */
final class JwtUserAdmission {
    private JwtUserAdmission() {
    }

    /**
     * @return null when the user may stay connected, else why not, in nats-server's log words
     */
    static String refusal(ClientConnection connection, AuthenticatedUser user, ZonedDateTime now) {
        UserGrant grant = user.grant();
        if (grant == null) {
            return null;
        }
        if (!grant.allowsConnectionType(connectionType(connection))) {
            return "Connection type not allowed";
        }
        // A Unix socket's client has no IP address: like nats-server's empty host, no src list admits it.
        InetAddress address = "unix".equals(connection.transport().type()) ? null
                : connection.transport().remoteAddress().getAddress();
        if (!grant.limits().sourceAllowed(address)) {
            return "Bad src Ip " + connection.clientIp();
        }
        if (grant.limits().windowRemainingMillis(now) < 0) {
            return "Outside connect times";
        }
        return null;
    }

    /** jwt's connection type names: STANDARD for TCP, TLS and Unix sockets, WEBSOCKET for WebSocket. */
    private static String connectionType(ClientConnection connection) {
        return "websocket".equals(connection.transport().type()) ? "WEBSOCKET" : "STANDARD";
    }

    /**
     * When the connection must close (epoch milliseconds, 0 for never): the JWT's expiry or the
     * end of its connect window, whichever comes first (nats-server's setExpiration).
     */
    static long closeAtMillis(AuthenticatedUser user, ZonedDateTime now) {
        long expires = user.expiresAt() * 1000;
        long window = user.grant() == null ? 0 : user.grant().limits().windowRemainingMillis(now);
        long windowEnd = window > 0 ? now.toInstant().toEpochMilli() + window : 0;
        if (expires == 0) {
            return windowEnd;
        }
        return windowEnd == 0 ? expires : Math.min(expires, windowEnd);
    }
}
