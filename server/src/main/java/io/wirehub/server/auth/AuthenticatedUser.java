package io.wirehub.server.auth;

/**
 * Who a connection authenticated as.
 *
 * @param name        shown in logs and /connz (authorized_user); empty when auth is off
 * @param permissions what it may publish and subscribe to
 * @param limiter     publish rates shared by all of this user's connections, or null
 */
public record AuthenticatedUser(String name, Permissions permissions, PublishLimiter limiter) {
    /** Everyone, when authentication is off. */
    public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser("", Permissions.ALL, null);
}
