package io.wirehub.server.config;

/**
 * One entry of {@code authorization { users: [...] }}: a name and password, or an nkey.
 *
 * @param user        the name, or null for an nkey user
 * @param password    plain or bcrypt, or null for an nkey user
 * @param nkey        the user's public nkey ({@code U...}), or null
 * @param permissions what the user may publish and subscribe to, or null for everything
 * @param limits      message and byte rates shared by all the user's connections
 */
public record UserConfig(String user, String password, String nkey, PermissionsConfig permissions,
                         RateLimitConfig limits) {

    /** The name shown for this user: the user name, or the nkey. */
    public String name() {
        return user != null ? user : nkey;
    }
}
