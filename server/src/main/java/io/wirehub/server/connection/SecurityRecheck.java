package io.wirehub.server.connection;

import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.Authenticator;
import io.wirehub.server.auth.Permissions;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.protocol.ConnectOptions;
import io.wirehub.server.protocol.GoQuote;
import io.wirehub.server.protocol.WireEncoder;
import io.wirehub.server.routing.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds an open connection to a reloaded security policy, as nats-server does on a config reload:
 * it authenticates again with the CONNECT it sent (and is closed with Authorization Violation if
 * that no longer passes), takes its user's new permissions and limits, and loses, with an -ERR
 * each, the subscriptions those permissions no longer allow.
 */
public final class SecurityRecheck {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityRecheck.class);

    private SecurityRecheck() {
    }

    public static void apply(ClientConnection connection, SecurityPolicy policy) {
        apply(connection, policy, false);
    }

    /**
     * As {@link #apply(ClientConnection, SecurityPolicy)}; with {@code keepDefaultPermissions}, a
     * JWT user whose permissions came from its account's default_permissions keeps the ones it
     * connected with (nats-server 2.9.10 applies an account JWT's new default_permissions to new
     * connections only).
     */
    static void apply(ClientConnection connection, SecurityPolicy policy, boolean keepDefaultPermissions) {
        if (connection.isClosed()) {
            return;
        }
        ClientSecurity security = connection.security();
        security.connectionLimiter(policy.newConnectionLimiter());
        if (security.user() == null) {
            return; // Still authenticating: its CONNECT will meet the new policy.
        }
        Authenticator authenticator = policy.authenticator();
        AuthenticatedUser user = authenticator.required()
                ? authenticator.authenticate(connection.options(), connection.nonce(), connection.clientCertificate())
                : AuthenticatedUser.ANONYMOUS;
        if (user == null && connection.options() == ConnectOptions.DEFAULTS) {
            user = authenticator.anonymousUser();
        }
        if (user != null && connection.account() != null && !user.account().equals(connection.account().name())) {
            // Its user moved to another account: a client cannot change accounts while connected.
            user = null;
        }
        if (user == null) {
            LOG.info("{} - no longer authorized after the configuration reload", connection);
            connection.stats().authFailure();
            connection.queueControl(WireEncoder.err("Authorization Violation"));
            connection.close(CloseReason.AUTHENTICATION_VIOLATION);
            return;
        }
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now();
        String refusal = JwtUserAdmission.refusal(connection, user, now);
        if (refusal != null) {
            LOG.info("{} - no longer authorized after the update: {}", connection, refusal);
            connection.stats().authFailure();
            connection.queueControl(WireEncoder.err("Authorization Violation"));
            connection.close(CloseReason.AUTHENTICATION_VIOLATION);
            return;
        }
        AuthenticatedUser before = security.user();
        if (keepDefaultPermissions && user.grant() != null && user.grant().permissions() == null
                && before.grant() != null && before.grant().permissions() == null) {
            user = new AuthenticatedUser(user.name(), before.permissions(), user.limiter(), user.account(), user.jwt(),
                    user.grant());
        }
        security.authenticated(user);
        long closeAt = JwtUserAdmission.closeAtMillis(user, now);
        if (closeAt > 0) {
            connection.expireAtMillis(closeAt);
        }
        dropForbiddenSubscriptions(connection, user.permissions());
    }

    private static void dropForbiddenSubscriptions(ClientConnection connection, Permissions permissions) {
        List<Subscription> forbidden = new ArrayList<>();
        for (Subscription subscription : connection.subscriptions()) {
            if (!permissions.canSubscribe(subscription.subject(), subscription.queue())) {
                forbidden.add(subscription);
            }
        }
        for (Subscription subscription : forbidden) {
            connection.unsubscribe(subscription);
            connection.queueControl(WireEncoder.err("Permissions Violation for Subscription to "
                    + GoQuote.quote(subscription.subject()) + " (sid " + GoQuote.quote(subscription.sid()) + ")"));
            LOG.info("Removed sub \"{}\" (sid \"{}\") for {} - not authorized", subscription.subject(),
                    subscription.sid(), connection);
        }
        if (!forbidden.isEmpty()) {
            connection.flushSignal();
        }
    }
}
