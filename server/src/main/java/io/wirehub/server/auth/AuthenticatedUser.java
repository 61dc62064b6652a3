package io.wirehub.server.auth;

import io.wirehub.server.config.AccountConfig;

/**
 * Who a connection authenticated as.
 *
 * @param name        shown in logs and /connz (authorized_user); empty when auth is off
 * @param permissions what it may publish and subscribe to
 * @param limiter     publish rates shared by all of this user's connections, or null
 * @param account     the account its clients are in
 */
public record AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter, String account) {
    /** Everyone, when authentication is off: the global account. */
    public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser("", Permissions.ALL, null,
            AccountConfig.GLOBAL);

    /** A user of the global account. */
    public AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter) {
        this(name, permissions, limiter, AccountConfig.GLOBAL);
    }
}
