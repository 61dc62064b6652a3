package io.wirehub.server.auth;

import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.AccountsConfig;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ExportConfig;
import io.wirehub.server.config.ImportConfig;
import io.wirehub.server.config.OperatorConfig;
import io.wirehub.server.config.OperatorConfig.ResolverConfig;
import io.wirehub.server.subject.SubjectRelations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server in operator mode, wired from its config: the trusted operators' JWTs decoded, the
 * account JWTs its resolver holds at start (the preloads, and for a full or cache resolver the
 * {@code <account key>.jwt} files of its directory) checked against the operators, turned into
 * the accounts the {@code account} package serves, and the authenticator that admits their users.
 */
public final class OperatorMode {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMode.class);
    private final OperatorConfig config;
    private final JwtAccounts accounts;
    private final String systemAccount;
    private final Authenticator authenticator;

    private OperatorMode(OperatorConfig config, JwtAccounts accounts, String systemAccount, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.systemAccount = systemAccount;
        this.authenticator = new JwtAuthenticator(accounts, clock);
    }

    /**
     * @return null when the config has no operator
     * @throws ConfigException when an operator or preloaded JWT is unusable, each problem at its {@code file:line}
     */
    public static OperatorMode of(AccountsConfig accountsConfig, Clock clock) {
        OperatorConfig config = accountsConfig.operator();
        if (!config.enabled()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        List<OperatorClaims> operators = new ArrayList<>();
        for (String text : config.operatorJwts()) {
            try {
                operators.add(OperatorClaims.decode(text));
            } catch (Jwt.InvalidJwtException e) {
                problems.add(config.where() + ": error parsing operator JWT: " + e.getMessage());
            }
        }
        TrustedOperators trusted = new TrustedOperators(operators);
        String system = accountsConfig.systemAccount();
        if (system.equals(AccountConfig.SYSTEM) || system.isEmpty()) {
            system = trusted.systemAccount();
        } else if (!trusted.systemAccount().isEmpty()
                && operators.stream().noneMatch(o -> o.systemAccount().equals(accountsConfig.systemAccount()))) {
            problems.add("system_account in config and operator JWT must be identical");
        }
        ResolverConfig resolver = config.resolver();
        if (system.isEmpty() && (resolver.type() == ResolverConfig.Type.FULL
                || resolver.type() == ResolverConfig.Type.CACHE)) {
            problems.add(resolver.where() + ": using nats based account resolver - the system account needs to be "
                    + "specified in configuration or the operator jwt");
        }
        JwtAccounts accounts = new JwtAccounts(trusted);
        if (resolver.dir() != null) {
            loadDirectory(resolver.dir(), accounts, problems);
        }
        for (Map.Entry<String, String> preload : config.preload().entrySet()) {
            try {
                AccountClaims claims = AccountClaims.decode(preload.getValue());
                store(claims, accounts, "Preloaded account [" + preload.getKey() + "]");
                if (resolver.dir() != null && trusted.issued(claims)) {
                    DirectoryStore.write(resolver.dir(), claims);
                }
            } catch (Jwt.InvalidJwtException e) {
                problems.add(config.preloadWhere() + ": invalid account JWT");
            } catch (IOException e) {
                problems.add(config.preloadWhere() + ": preload account error for \"" + preload.getKey() + "\": "
                        + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (!system.isEmpty()) {
            accounts.markInUse(system);
        }
        return new OperatorMode(config, accounts, system, clock);
    }

    /** The directory's {@code *.jwt} files, as nats-server's dirstore keeps them (one per account). */
    private static void loadDirectory(Path dir, JwtAccounts accounts, List<String> problems) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jwt")).sorted().toList()) {
                    try {
                        store(AccountClaims.decode(Files.readString(file)), accounts, "Account JWT file " + file);
                    } catch (Jwt.InvalidJwtException | IOException e) {
                        LOG.warn("Account JWT file {} not valid: {}", file, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            problems.add("resolver dir " + dir + ": " + e.getMessage());
        }
    }

    private static void store(AccountClaims claims, JwtAccounts accounts, String what) {
        if (!accounts.operators().issued(claims)) {
            LOG.warn("{} not signed by a trusted operator: ignored", what);
            return;
        }
        accounts.put(claims);
    }

    public JwtAccounts accounts() {
        return accounts;
    }

    public OperatorConfig config() {
        return config;
    }

    /** The system account's public key, or "" when neither the config nor the operator names one. */
    public String systemAccount() {
        return systemAccount;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /**
     * The accounts the server starts with: one per account JWT, named by its public key, with the
     * imports its exporters allow (nats-server skips the others, as it does here).
     */
    public AccountsConfig accountsConfig(AccountsConfig base) {
        Map<String, AccountConfig> byName = new LinkedHashMap<>();
        for (AccountClaims claims : accounts.all()) {
            byName.put(claims.publicKey(), claims.config());
        }
        List<AccountConfig> resolved = new ArrayList<>();
        for (AccountConfig account : byName.values()) {
            resolved.add(withAllowedImports(account, byName));
        }
        AccountsConfig out = base.withAccounts(resolved);
        return systemAccount.isEmpty() ? out.withNoSystemAccount(base.noSystemAccount())
                : out.withSystemAccount(systemAccount);
    }

    static AccountConfig withAllowedImports(AccountConfig account, Map<String, AccountConfig> byName) {
        List<ImportConfig> allowed = new ArrayList<>();
        for (ImportConfig imported : account.imports()) {
            AccountConfig exporter = byName.get(imported.account());
            if (exporter != null && authorized(exporter, account.name(), imported)) {
                allowed.add(imported);
            } else {
                LOG.debug("Error adding {} import {} to account [{}]: not authorized or exporter unknown",
                        imported.kind(), imported.subject(), account.name());
            }
        }
        return new AccountConfig(account.name(), account.exports(), allowed, account.mappings(), account.limits(),
                account.where());
    }

    private static boolean authorized(AccountConfig exporter, String importer, ImportConfig imported) {
        for (ExportConfig export : exporter.exports()) {
            if (export.kind() == imported.kind() && (export.subject().equals(imported.subject())
                    || SubjectRelations.isSubsetMatch(imported.subject(), export.subject()))) {
                return export.isPublic() || export.accounts().contains(importer);
            }
        }
        return false;
    }
}
