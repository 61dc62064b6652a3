package io.wirehub.server.account;

import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.AccountLimitsConfig;
import io.wirehub.server.config.AccountsConfig;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ExportConfig;
import io.wirehub.server.config.ImportConfig;
import io.wirehub.server.config.MappingCompiler;
import io.wirehub.server.config.MappingConfig;
import io.wirehub.server.subject.SubjectMappings;
import io.wirehub.server.subject.WeightedMapping;
import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.Subjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every account of a server, by name: {@code $G} (clients no account names), the configured ones,
 * and the system account. Built once from the config, imports wired to the exports they use (the
 * config rules already checked that each import is allowed and forms no cycle).
 *
 * <p>Thread-safe: immutable after {@link #of}.
 */
public final class Accounts {
    /**
     * Copy-on-write: replaced whole when an account is added at run time (operator mode, a claims
     * update of a new account), so readers never lock.
     */
    private volatile Map<String, Account> byName;
    private final Account global;
    private final Account system;

    private Accounts(Map<String, Account> byName, Account global, Account system) {
        this.byName = Collections.unmodifiableMap(byName);
        this.global = global;
        this.system = system;
    }

    /** Just {@code $G} and {@code $SYS}: a server without accounts in its config. */
    public static Accounts single() {
        return of(AccountsConfig.NONE);
    }

    /**
     * @throws ConfigException when an import's subjects cannot be paired with the export's
     */
    public static Accounts of(AccountsConfig config) {
        Map<String, Account> byName = new LinkedHashMap<>();
        Account global = new Account(AccountConfig.GLOBAL, AccountLimitsConfig.NONE,
                mappings(config.globalMappings()), AccountConfig.GLOBAL.equals(config.systemAccount()));
        byName.put(global.name(), global);
        String systemName = config.noSystemAccount() ? null : config.systemAccount();
        for (AccountConfig account : config.accounts()) {
            byName.put(account.name(), new Account(account.name(), account.limits(), mappings(account.mappings()),
                    account.name().equals(systemName)));
        }
        Account system = null;
        if (systemName != null) {
            system = byName.computeIfAbsent(systemName,
                    n -> new Account(n, AccountLimitsConfig.NONE, SubjectMappings.none(), true));
        }
        Accounts accounts = new Accounts(byName, global, system);
        accounts.wire(config);
        return accounts;
    }

    private void wire(AccountsConfig config) {
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (AccountConfig accountConfig : config.accounts()) {
            Account importer = byName.get(accountConfig.name());
            List<StreamImport> streams = new ArrayList<>();
            List<ServiceImport> services = new ArrayList<>();
            for (ImportConfig imported : accountConfig.imports()) {
                Account exporter = byName.get(imported.account());
                AccountConfig exporterConfig = config.find(imported.account()).orElse(null);
                if (exporter == null || exporterConfig == null) {
                    continue; // reported by the config rules
                }
                try {
                    if (imported.kind() == ExportConfig.Kind.STREAM) {
                        streams.add(new StreamImport(exporter, imported.subject(), imported.localSubject(),
                                streamRewrite(imported)));
                    } else {
                        services.add(new ServiceImport(importer, exporter, imported.subject(),
                                imported.localSubject(), rewrite(imported.subject(), imported.localSubject()),
                                exportFor(exporterConfig, imported), ++number));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add((imported.where().isEmpty() ? "" : imported.where() + ": ") + "Error adding "
                            + (imported.kind() == ExportConfig.Kind.STREAM ? "stream" : "service") + " import \""
                            + imported.subject() + "\": " + e.getMessage());
                }
            }
            importer.imports(streams, services);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // Only accounts whose services someone imports listen for responses: the others keep an
        // index with nothing of the server's in it, as nats-server's have.
        Set<Account> exporters = new HashSet<>();
        for (Account account : byName.values()) {
            for (ServiceImport service : account.serviceImportsForStart()) {
                service.start();
                exporters.add(service.exporter());
            }
        }
        for (Account exporter : exporters) {
            exporter.responses().start();
        }
    }

    /** The config's mappings, in the order written (the config rules already checked each). */
    static SubjectMappings mappings(List<MappingConfig> configured) {
        if (configured.isEmpty()) {
            return SubjectMappings.none();
        }
        List<WeightedMapping> mappings = new ArrayList<>();
        for (MappingConfig mapping : configured) {
            mappings.add(MappingCompiler.compile(mapping));
        }
        return SubjectMappings.of(mappings);
    }

    private static SubjectRewrite streamRewrite(ImportConfig imported) {
        if (imported.prefix() != null && !imported.prefix().isEmpty() && (imported.to() == null
                || imported.to().isEmpty())) {
            return SubjectRewrite.prefix(imported.prefix());
        }
        return rewrite(imported.subject(), imported.localSubject());
    }

    private static SubjectRewrite rewrite(String exported, String local) {
        if (exported.equals(local)) {
            return SubjectRewrite.IDENTITY;
        }
        if (!Subjects.hasWildcard(exported) && !Subjects.hasWildcard(local)) {
            return SubjectRewrite.literal(exported, local);
        }
        return SubjectRewrite.wildcards(exported, local);
    }

    /** The service export an import uses: the first that covers its subject. */
    private static ExportConfig exportFor(AccountConfig exporter, ImportConfig imported) {
        for (ExportConfig export : exporter.exports()) {
            if (export.kind() == ExportConfig.Kind.SERVICE && (export.subject().equals(imported.subject())
                    || SubjectRelations.isSubsetMatch(imported.subject(), export.subject()))) {
                return export;
            }
        }
        return ExportConfig.service(imported.subject(), List.of(), ExportConfig.ResponseType.SINGLETON);
    }

    /**
     * Adds an account while the server runs (operator mode: a full resolver learned a new account
     * JWT). Its imports are wired to the exporters already known; returns the existing account
     * when the name is taken.
     */
    public synchronized Account add(AccountConfig config) {
        Account existing = byName.get(config.name());
        if (existing != null) {
            return existing;
        }
        Account account = new Account(config.name(), config.limits(), mappings(config.mappings()), false);
        Map<String, Account> next = new LinkedHashMap<>(byName);
        next.put(account.name(), account);
        byName = Collections.unmodifiableMap(next);
        List<StreamImport> streams = new ArrayList<>();
        for (ImportConfig imported : config.imports()) {
            Account exporter = byName.get(imported.account());
            if (exporter != null && imported.kind() == ExportConfig.Kind.STREAM) {
                try {
                    streams.add(new StreamImport(exporter, imported.subject(), imported.localSubject(),
                            streamRewrite(imported)));
                } catch (IllegalArgumentException e) {
                    // skipped, as nats-server skips an import it cannot add
                }
            }
        }
        account.imports(streams, List.of());
        return account;
    }

    /** The account called {@code name}, or null. */
    public Account get(String name) {
        return byName.get(name);
    }

    /** {@code $G}: where clients go that no account names. */
    public Account global() {
        return global;
    }

    /** The system account, or null with {@code no_system_account}. */
    public Account system() {
        return system;
    }

    public Collection<Account> all() {
        return byName.values();
    }

    /** Drops response routes whose threshold passed; called by the server's timer. */
    public void expireResponses(long nowNanos) {
        for (Account account : byName.values()) {
            account.responses().expire(nowNanos);
        }
    }
}
