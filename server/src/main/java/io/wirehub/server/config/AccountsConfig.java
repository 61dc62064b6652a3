package io.wirehub.server.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The multi-tenant part of a config: {@code accounts {}}, the global account's top-level
 * {@code mappings}, and which account is the system account.
 *
 * @param accounts        the configured accounts, in the order written ({@code $G} and the default
 *                        {@code $SYS} are not listed: they always exist)
 * @param globalMappings  top-level {@code mappings}: those of {@code $G}
 * @param systemAccount   {@code system_account}; {@code $SYS} when not given
 * @param noSystemAccount {@code no_system_account}: no system account at all
 * @param operator        operator (JWT) mode: trusted operators and the account resolver
 */
public record AccountsConfig(List<AccountConfig> accounts, List<MappingConfig> globalMappings, String systemAccount,
                             boolean noSystemAccount, OperatorConfig operator) {
    /** No accounts configured: every client in {@code $G}, the system account {@code $SYS}. */
    public static final AccountsConfig NONE = new AccountsConfig(List.of(), List.of(), AccountConfig.SYSTEM, false,
            OperatorConfig.NONE);

    public AccountsConfig {
        accounts = List.copyOf(accounts);
        globalMappings = List.copyOf(globalMappings);
        Objects.requireNonNull(systemAccount, "systemAccount");
        Objects.requireNonNull(operator, "operator");
    }

    public AccountsConfig(List<AccountConfig> accounts, List<MappingConfig> globalMappings, String systemAccount,
                          boolean noSystemAccount) {
        this(accounts, globalMappings, systemAccount, noSystemAccount, OperatorConfig.NONE);
    }

    public AccountsConfig withOperator(OperatorConfig v) {
        return new AccountsConfig(accounts, globalMappings, systemAccount, noSystemAccount, v);
    }

    public Optional<AccountConfig> find(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public AccountsConfig withAccounts(List<AccountConfig> v) {
        return new AccountsConfig(v, globalMappings, systemAccount, noSystemAccount, operator);
    }

    public AccountsConfig withGlobalMappings(List<MappingConfig> v) {
        return new AccountsConfig(accounts, v, systemAccount, noSystemAccount, operator);
    }

    public AccountsConfig withSystemAccount(String v) {
        return new AccountsConfig(accounts, globalMappings, v, noSystemAccount, operator);
    }

    public AccountsConfig withNoSystemAccount(boolean v) {
        return new AccountsConfig(accounts, globalMappings, systemAccount, v, operator);
    }
}
