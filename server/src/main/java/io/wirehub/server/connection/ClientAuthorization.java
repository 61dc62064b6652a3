package io.wirehub.server.connection;

import io.wirehub.server.account.Account;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.Authenticator;
import io.wirehub.server.auth.PublishLimiter;
import io.wirehub.server.config.RateLimitConfig.Policy;
import io.wirehub.server.protocol.ConnectOptions;
import io.wirehub.server.protocol.GoQuote;
import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.ProtocolViolation;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's side of security for one connection: authenticating its CONNECT (or making it the
 * no_auth_user), and deciding whether each publish and subscribe is allowed — permissions and
 * rate limits — with nats-server's exact error texts.
 *
 * <p>Confined to the connection's reader thread.
 */
final class ClientAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthorization.class);
    /**
     * The longest a rate-limited publisher's reader pauses at once; any debt left is paid on the
     * following reads.
     */
    private static final long MAX_PAUSE_NANOS = 10_000_000_000L;

    private final ClientConnection connection;
    private final ConnectionServices services;
    private final ClientSecurity security;
    private boolean awaitingCredentials;
    /** Debt the SLOW_DOWN rate limit built up in this read batch. */
    private long pauseNanos;

    ClientAuthorization(ClientConnection connection, ConnectionServices services) {
        this.connection = connection;
        this.services = services;
        this.security = connection.security();
        this.awaitingCredentials = security.user() == null;
    }

    /** Whether the client still has to authenticate (its first op must be CONNECT, or no_auth_user applies). */
    boolean awaitingCredentials() {
        return awaitingCredentials;
    }

    /** Authenticates a CONNECT when the server requires it; refuses bad credentials and full accounts. */
    void connect(ConnectOptions options) throws ProtocolViolation {
        Authenticator authenticator = services.security().get().authenticator();
        if (!authenticator.required()) {
            settle(AuthenticatedUser.ANONYMOUS);
            return;
        }
        AuthenticatedUser user = authenticator.authenticate(options, connection.nonce(), connection.clientCertificate());
        if (user == null) {
            if (authenticator.operatorMode()) {
                LOG.error("{} - authentication error", connection);
            } else {
                LOG.error("{} - authentication error - {}", connection, describe(options));
            }
            connection.authenticationSettled();
            throw new ProtocolViolation(ProtocolError.AUTHORIZATION_VIOLATION, "credentials refused");
        }
        settle(user);
    }

    /** An op before CONNECT on a server with no_auth_user: the client becomes that user. */
    void assumeAnonymous() throws ProtocolViolation {
        AuthenticatedUser anonymous = services.security().get().authenticator().anonymousUser();
        settle(anonymous != null ? anonymous : AuthenticatedUser.ANONYMOUS);
    }

    private void settle(AuthenticatedUser user) throws ProtocolViolation {
        connection.authenticationSettled();
        Account account = services.accounts().get(user.account());
        if (account == null) {
            // A user of an account that is gone (a reload): as if the credentials failed.
            LOG.error("{} - authentication error - account \"{}\" does not exist", connection, user.account());
            throw new ProtocolViolation(ProtocolError.AUTHORIZATION_VIOLATION, "no account " + user.account());
        }
        Account bound = connection.account();
        if (bound != null && bound != account) {
            LOG.error("{} - authentication error - already in account \"{}\"", connection, bound.name());
            throw new ProtocolViolation(ProtocolError.AUTHORIZATION_VIOLATION, "account change");
        }
        if (bound == null && !connection.bindAccount(account)) {
            LOG.error("{} - maximum account active connections exceeded (account \"{}\")", connection,
                    account.name());
            throw new ProtocolViolation(ProtocolError.MAX_ACCOUNT_CONNECTIONS, "account " + account.name() + " full");
        }
        security.authenticated(user);
        if (user.expiresAt() > 0) {
            connection.expireAt(user.expiresAt());
        }
        awaitingCredentials = false;
    }

    private static String describe(ConnectOptions options) {
        if (options.nkey() != null) {
            return "Nkey \"" + options.nkey() + "\"";
        }
        return options.user() != null ? "User \"" + options.user() + "\"" : "no credentials";
    }

    /**
     * Checks one publish against permissions and rate limits.
     *
     * @return the -ERR text when it is refused (the message is dropped, the connection stays), or
     *         null when it may go on
     */
    String publishRefusal(byte[] line, int subjectOffset, int subjectLength, int bytes) {
        if (security.permissions().restrictsPublish()) {
            String subject = new String(line, subjectOffset, subjectLength, StandardCharsets.ISO_8859_1);
            if (!security.canPublish(subject)) {
                LOG.error("{} - Publish Violation - {}, Subject \"{}\"", connection, who(), subject);
                return "Permissions Violation for Publish to " + GoQuote.quote(line, subjectOffset, subjectLength);
            }
        }
        if (!rateAllows(security.connectionLimiter(), bytes) || !rateAllows(security.userLimiter(), bytes)) {
            return "Permissions Violation for Publish to " + GoQuote.quote(line, subjectOffset, subjectLength)
                    + ": rate limit exceeded";
        }
        return null;
    }

    private boolean rateAllows(PublishLimiter limiter, int bytes) {
        if (limiter == null) {
            return true;
        }
        if (limiter.policy() == Policy.REFUSE) {
            if (limiter.tryAcquire(bytes)) {
                return true;
            }
            services.stats().rateLimitHit();
            return false;
        }
        long debt = limiter.acquire(bytes);
        if (debt > 0) {
            if (pauseNanos == 0) {
                services.stats().rateLimitHit();
            }
            pauseNanos = Math.max(pauseNanos, debt);
        }
        return true;
    }

    /** The pause the SLOW_DOWN policy asks for before the next read; resets it. */
    long takePause() {
        long pause = Math.min(pauseNanos, MAX_PAUSE_NANOS);
        pauseNanos = 0;
        return pause;
    }

    /** @return the -ERR text when the subscription is not permitted, or null */
    String subscribeRefusal(String subject, String queue) {
        if (!security.permissions().restricts() || security.canSubscribe(subject, queue)) {
            return null;
        }
        LOG.error("{} - Subscription Violation - {}, Subject \"{}\"{}", connection, who(), subject,
                queue == null ? "" : ", Queue: \"" + queue + "\"");
        return "Permissions Violation for Subscription to " + GoQuote.quote(subject)
                + (queue == null ? "" : " using queue " + GoQuote.quote(queue));
    }

    private String who() {
        AuthenticatedUser user = security.user();
        return user == null || user.name().isEmpty() ? "anonymous" : "User \"" + user.name() + "\"";
    }
}
