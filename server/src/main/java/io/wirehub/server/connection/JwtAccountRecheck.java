package io.wirehub.server.connection;

import io.wirehub.server.auth.AccountClaims;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.protocol.WireEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds an open connection of a JWT account to that account's new JWT (nats-server's
 * updateAccountClaimsWithRefresh): a revoked user is closed with
 * {@code -ERR 'User Authentication Revoked'}; any other user authenticates again against the new
 * claims, so a removed signing key refuses it and changed scoped permissions apply. Changed
 * default_permissions apply to new connections only, as in nats-server 2.9.10 (compared in
 * OperatorDifferentialTest).
 */
public final class JwtAccountRecheck {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAccountRecheck.class);

    private JwtAccountRecheck() {
    }

    public static void apply(ClientConnection connection, AccountClaims claims, SecurityPolicy policy) {
        if (connection.isClosed() || connection.account() == null
                || !connection.account().name().equals(claims.publicKey())) {
            return;
        }
        AuthenticatedUser user = connection.security().user();
        if (user == null || user.jwt() == null) {
            return;
        }
        if (claims.revoked(user.jwt().subject(), user.jwt().issuedAt())) {
            LOG.debug("{} - User Authentication Revoked", connection);
            connection.queueControl(WireEncoder.err("User Authentication Revoked"));
            connection.close(CloseReason.REVOCATION);
            return;
        }
        SecurityRecheck.apply(connection, policy, true);
    }
}
