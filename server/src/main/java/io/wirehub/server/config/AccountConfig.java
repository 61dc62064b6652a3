package io.wirehub.server.config;

import java.util.List;
import java.util.Objects;

/**
 * One account of {@code accounts {}}: a subject namespace of its own, with its users, what it
 * shares with other accounts (exports) and takes from them (imports), its subject mappings and
 * limits. Users are listed in {@link AuthConfig#users()} with this account's name.
 *
 * @param where     where the account was written ({@code file:line}), or "" when built in code
 * @param jetstream its JetStream limits, or null when JetStream is not enabled for it
 */
public record AccountConfig(String name, List<ExportConfig> exports, List<ImportConfig> imports,
                            List<MappingConfig> mappings, AccountLimitsConfig limits, String where,
                            JetStreamAccountLimits jetstream) {
    /** The account every client is in when no account names it (nats-server's {@code $G}). */
    public static final String GLOBAL = "$G";
    /** The system account's name when {@code system_account} names no other. */
    public static final String SYSTEM = "$SYS";

    public AccountConfig {
        Objects.requireNonNull(name, "name");
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
        mappings = List.copyOf(mappings);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(where, "where");
    }

    /** An account without JetStream. */
    public AccountConfig(String name, List<ExportConfig> exports, List<ImportConfig> imports,
                         List<MappingConfig> mappings, AccountLimitsConfig limits, String where) {
        this(name, exports, imports, mappings, limits, where, null);
    }

    /** An account with nothing but a name. */
    public static AccountConfig named(String name) {
        return new AccountConfig(name, List.of(), List.of(), List.of(), AccountLimitsConfig.NONE, "");
    }
}
