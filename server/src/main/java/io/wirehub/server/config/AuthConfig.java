package io.wirehub.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may connect (PROTOCOL.md §10): one token, or one user and password, or a list of users
 * (password or nkey), optionally with {@code no_auth_user} naming the user that clients without
 * credentials become. At most one of the three modes is set; {@link ConfigValidator} refuses mixes.
 *
 * @param token              a plain or bcrypt token, or null
 * @param user               the single user's name, or null
 * @param password           the single user's plain or bcrypt password, or null
 * @param users              the users list; empty when not used
 * @param defaultPermissions permissions for users of the list that have none of their own, or null
 * @param noAuthUser         user clients without credentials become, or null
 */
public record AuthConfig(String token, String user, String password, List<UserConfig> users,
                         PermissionsConfig defaultPermissions, String noAuthUser) {

    /** No authentication: anyone who reaches the port may connect (nats-server's default). */
    public static final AuthConfig NONE = new AuthConfig(null, null, null, List.of(), null, null);

    public AuthConfig {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
    }

    /** Whether clients must authenticate. */
    public boolean required() {
        return token != null || user != null || password != null || !users.isEmpty();
    }

    /** Whether any user signs the nonce with an nkey (then INFO carries a nonce). */
    public boolean hasNkeyUsers() {
        return users.stream().anyMatch(u -> u.nkey() != null);
    }

    /** The mode, as the start-up log names it. */
    public String describe() {
        if (token != null) {
            return "token";
        }
        if (user != null || password != null) {
            return "user and password (" + user + ")";
        }
        if (!users.isEmpty()) {
            long nkeys = users.stream().filter(u -> u.nkey() != null).count();
            return "users list (" + users.size() + " users, " + nkeys + " with nkeys"
                    + (noAuthUser == null ? ")" : "; clients without credentials become \"" + noAuthUser + "\")");
        }
        return "none";
    }

    public AuthConfig withToken(String newToken) {
        return new AuthConfig(newToken, user, password, users, defaultPermissions, noAuthUser);
    }

    public AuthConfig withUser(String newUser, String newPassword) {
        return new AuthConfig(token, newUser, newPassword, users, defaultPermissions, noAuthUser);
    }

    /** These users added to the list (users of accounts {}). */
    public AuthConfig withMoreUsers(List<UserConfig> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<UserConfig> all = new ArrayList<>(users);
        all.addAll(more);
        return new AuthConfig(token, user, password, all, defaultPermissions, noAuthUser);
    }

    public AuthConfig withNoAuthUser(String name) {
        return new AuthConfig(token, user, password, users, defaultPermissions, name);
    }
}
