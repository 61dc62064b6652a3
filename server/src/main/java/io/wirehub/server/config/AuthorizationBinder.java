package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.FloatValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code authorization { ... }}: token, user and password, users list, default permissions
 * and timeout, under nats-server's key names and aliases (PROTOCOL.md §10).
 */
final class AuthorizationBinder {
    private AuthorizationBinder() {
    }

    /** The parsed block (with no_auth_user left as the builder has it) and its timeout, if given. */
    record Result(AuthConfig auth, Duration timeout) {
    }

    static Result read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("authorization");
        MapValue map = reader.map(entry);
        String[] token = {null};
        String[] user = {null};
        String[] password = {null};
        List<UserConfig> users = new ArrayList<>();
        PermissionsConfig[] defaults = {null};
        Duration[] timeout = {null};
        if (map != null) {
            reader.each(map, Map.of(
                    "token", e -> token[0] = EntryValues.string(e),
                    "user", e -> user[0] = EntryValues.string(e),
                    "username", e -> user[0] = EntryValues.string(e),
                    "pass", e -> password[0] = EntryValues.string(e),
                    "password", e -> password[0] = EntryValues.string(e),
                    "timeout", e -> timeout[0] = seconds(e),
                    "users", e -> users.addAll(readUsers(e)),
                    "permissions", e -> defaults[0] = PermissionsBinder.read(e),
                    "default_permissions", e -> defaults[0] = PermissionsBinder.read(e)));
        }
        reader.finish();
        List<UserConfig> withDefaults = users.stream()
                .map(u -> u.permissions() == null && defaults[0] != null ? u.withPermissions(defaults[0]) : u)
                .toList();
        return new Result(new AuthConfig(token[0], user[0], password[0], withDefaults, defaults[0], null), timeout[0]);
    }

    /** nats-server reads the auth timeout as (possibly fractional) seconds. */
    private static Duration seconds(ConfigEntry entry) {
        if (entry.value() instanceof IntegerValue v) {
            return Duration.ofSeconds(v.value());
        }
        if (entry.value() instanceof FloatValue v) {
            return Duration.ofNanos((long) (v.value() * 1_000_000_000L));
        }
        return EntryValues.duration(entry);
    }

    static List<UserConfig> readUsers(ConfigEntry entry) {
        if (!(entry.value() instanceof ListValue list)) {
            throw EntryValues.expected(entry, "a list of users");
        }
        if (list.values().isEmpty()) {
            throw new InvalidValueException("authorization has an empty users list: every client would be let in"
                    + " without credentials; remove the list or add users");
        }
        BlockReader reader = new BlockReader("users");
        List<UserConfig> users = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "a user entry must be a map { user: ..., password: ... }, got "
                        + value.describe());
                continue;
            }
            UserConfig user = readUser(map, reader);
            if (user != null) {
                users.add(user);
            }
        }
        reader.finish();
        return users;
    }

    private static UserConfig readUser(MapValue map, BlockReader outer) {
        BlockReader reader = new BlockReader("user entry");
        String[] name = {null};
        String[] password = {null};
        String[] nkey = {null};
        PermissionsConfig[] permissions = {null};
        RateLimitConfig[] limits = {null};
        reader.each(map, Map.of(
                "user", e -> name[0] = EntryValues.string(e),
                "username", e -> name[0] = EntryValues.string(e),
                "pass", e -> password[0] = EntryValues.string(e),
                "password", e -> password[0] = EntryValues.string(e),
                "nkey", e -> nkey[0] = EntryValues.string(e),
                "permissions", e -> permissions[0] = PermissionsBinder.read(e),
                "permission", e -> permissions[0] = PermissionsBinder.read(e),
                "authorization", e -> permissions[0] = PermissionsBinder.read(e),
                "limits", e -> limits[0] = LimitsBinder.readRates(e)));
        try {
            reader.finish();
        } catch (BlockProblems problems) {
            outer.addFormatted(problems.problems());
            return null;
        }
        if (nkey[0] == null && name[0] == null) {
            outer.problem(map.position(), "user entry requires a user or an nkey");
            return null;
        }
        if (nkey[0] != null && (name[0] != null || password[0] != null)) {
            outer.problem(map.position(), "nkey users do not take usernames or passwords");
            return null;
        }
        if (nkey[0] != null && !nkey[0].matches("U[A-Z2-7]{55}")) {
            outer.problem(map.position(), "not a valid public nkey for a user: \"" + nkey[0] + "\"");
            return null;
        }
        // A user without a password is only usable through a mapped client certificate
        // (tls verify_and_map); AuthRules refuses it otherwise, once the whole config is known.
        return new UserConfig(name[0], password[0], nkey[0], permissions[0], limits[0]);
    }
}
