package io.wirehub.server.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses authorization configs that are ambiguous or quietly let anonymous clients in
 * (ATTACKS.md 15): each mode stands alone, every user has a credential, no_auth_user names a user.
 */
final class AuthRules {
    private AuthRules() {
    }

    /**
     * @param certificatesMapUsers tls verify_and_map is on: users may have no password, since
     *                             their client certificate names them
     */
    static void check(AuthConfig auth, boolean certificatesMapUsers, List<ConfigValidator.Violation> problems) {
        boolean token = auth.token() != null;
        boolean single = auth.user() != null || auth.password() != null;
        boolean list = !auth.users().isEmpty();
        if (token && auth.token().isEmpty()) {
            problems.add(violation("authorization token is empty: anyone could connect"));
        }
        if (token && single) {
            problems.add(violation("authorization cannot have both a token and a user: use one"));
        }
        if ((token || single) && list) {
            problems.add(violation("authorization cannot have a users list and a single "
                    + (token ? "token" : "user and password") + ": use one"));
        }
        if (single && (auth.user() == null || auth.user().isEmpty())) {
            problems.add(violation("authorization has a password but no user"));
        }
        if (single && auth.user() != null && (auth.password() == null || auth.password().isEmpty())) {
            problems.add(violation("authorization user \"" + auth.user() + "\" has no password: anyone could connect"));
        }
        Set<String> names = new HashSet<>();
        for (UserConfig user : auth.users()) {
            if (!names.add(user.name())) {
                problems.add(new ConfigValidator.Violation(List.of("authorization", "accounts"),
                        "user \"" + user.name() + "\" is in the users list twice"));
            }
            boolean noPassword = user.nkey() == null && (user.password() == null || user.password().isEmpty());
            if (noPassword && !certificatesMapUsers) {
                problems.add(violation("user \"" + user.name() + "\" has no password: anyone could connect as \""
                        + user.name() + "\""));
            }
        }
        if (auth.noAuthUser() != null) {
            if (!list) {
                problems.add(new ConfigValidator.Violation("no_auth_user", "no_auth_user \"" + auth.noAuthUser()
                        + "\" needs an authorization users list that names it"));
            } else if (auth.users().stream().noneMatch(u -> u.user() != null && u.user().equals(auth.noAuthUser()))) {
                problems.add(new ConfigValidator.Violation("no_auth_user", "no_auth_user \"" + auth.noAuthUser()
                        + "\" is not a user in the authorization users list"));
            }
        }
    }

    private static ConfigValidator.Violation violation(String message) {
        return new ConfigValidator.Violation("authorization", message);
    }
}
