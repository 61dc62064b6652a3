package io.wirehub.server.config;

/**
 * One entry of {@code authorization { users: [...] }}: a name and password, or an nkey.
 *
 * @param user        the name, or null for an nkey user
 * @param password    plain or bcrypt, or null for an nkey user
 * @param nkey        the user's public nkey ({@code U...}), or null
 * @param permissions what the user may publish and subscribe to, or null for everything
 * @param limits      message and byte rates shared by all the user's connections
 * @param account     the account the user's clients are in; {@code $G} for the authorization block's users
 */
public record UserConfig(String user, String password, String nkey, PermissionsConfig permissions,
                         RateLimitConfig limits, String account) {

    public UserConfig {
        if (account == null) {
            account = AccountConfig.GLOBAL;
        }
    }

    /** A user of the global account. */
    public UserConfig(String user, String password, String nkey, PermissionsConfig permissions,
                      RateLimitConfig limits) {
        this(user, password, nkey, permissions, limits, AccountConfig.GLOBAL);
    }

    public UserConfig inAccount(String name) {
        return new UserConfig(user, password, nkey, permissions, limits, name);
    }

    public UserConfig withPermissions(PermissionsConfig p) {
        return new UserConfig(user, password, nkey, p, limits, account);
    }

    /** The name shown for this user: the user name, or the nkey. */
    public String name() {
        return user != null ? user : nkey;
    }
}
