package io.wirehub.server.auth;

import io.wirehub.server.config.AccountConfig;

/**
 * Who a connection authenticated as.
 *
 * @param name        shown in logs and /connz (authorized_user); empty when auth is off
 * @param permissions what it may publish and subscribe to
 * @param limiter     publish rates shared by all of this user's connections, or null
 * @param account     the account its clients are in
 * @param jwt         the user JWT it presented (operator mode), or null: gives the expiry and the
 *                    key and issue time revocations are checked against
 */
public record AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter, String account,
                                Jwt jwt) {
    /** Everyone, when authentication is off: the global account. */
    public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser("", Permissions.ALL, null,
            AccountConfig.GLOBAL);

    /** A user of the global account. */
    public AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter) {
        this(name, permissions, limiter, AccountConfig.GLOBAL);
    }

    /** A user configured in the server's config (no JWT). */
    public AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter, String account) {
        this(name, permissions, limiter, account, null);
    }

    /** The Unix second its JWT expires, or 0 for never. */
    public long expiresAt() {
        return jwt == null ? 0 : jwt.expires();
    }
}
