package io.wirehub.server.config;

import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.Subjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules across accounts, checked once every account is read, with nats-server's texts: imports
 * name defined accounts and an export that allows them, exports name defined accounts, stream
 * prefixes are literal, imports form no cycle, the system account exists. Each problem points at
 * the line of the import or export it is about.
 */
final class AccountRules {
    /** nats-server's MaxAccountCycleSearchDepth. */
    private static final int MAX_CYCLE_SEARCH_DEPTH = 1024;

    private AccountRules() {
    }

    static void check(AccountsConfig config, List<ConfigValidator.Violation> problems) {
        Map<String, AccountConfig> byName = new HashMap<>();
        for (AccountConfig account : config.accounts()) {
            byName.put(account.name(), account);
        }
        checkMappings(config.globalMappings(), problems);
        for (AccountConfig account : config.accounts()) {
            checkMappings(account.mappings(), problems);
            for (ExportConfig export : account.exports()) {
                checkExport(export, byName, problems);
            }
            for (ImportConfig imported : account.imports()) {
                checkImport(account, imported, byName, problems);
            }
        }
        String system = config.systemAccount();
        // In operator mode the system account is an account JWT, resolved when the server is wired.
        if (!config.operator().enabled() && !config.noSystemAccount() && !system.equals(AccountConfig.SYSTEM)
                && !byName.containsKey(system)) {
            problems.add(new ConfigValidator.Violation("system_account",
                    "error resolving system account: account missing (\"" + system + "\" is not in accounts)"));
        }
    }

    private static void checkMappings(List<MappingConfig> mappings, List<ConfigValidator.Violation> problems) {
        for (MappingConfig mapping : mappings) {
            try {
                MappingCompiler.compile(mapping);
            } catch (IllegalArgumentException e) {
                problems.add(at(mapping.where(), e.getMessage()));
            }
        }
    }

    private static void checkExport(ExportConfig export, Map<String, AccountConfig> byName,
                                    List<ConfigValidator.Violation> problems) {
        String kind = export.kind() == ExportConfig.Kind.STREAM ? "stream" : "service";
        if (!Subjects.isValidSubscribeSubject(export.subject())) {
            problems.add(at(export.where(), "Error adding " + kind + " export \"" + export.subject()
                    + "\": subject is not a valid subject"));
        }
        for (String name : export.accounts()) {
            if (!byName.containsKey(name)) {
                problems.add(at(export.where(), "\"" + name + "\" account not defined for " + kind + " export"));
            }
        }
    }

    private static void checkImport(AccountConfig importer, ImportConfig imported, Map<String, AccountConfig> byName,
                                    List<ConfigValidator.Violation> problems) {
        boolean stream = imported.kind() == ExportConfig.Kind.STREAM;
        String kind = stream ? "stream" : "service";
        AccountConfig exporter = byName.get(imported.account());
        if (exporter == null) {
            problems.add(at(imported.where(), "\"" + imported.account() + "\" account not defined for " + kind
                    + " import"));
            return;
        }
        String failed = "Error adding " + kind + " import \"" + imported.subject() + "\": ";
        if (!Subjects.isValidSubscribeSubject(imported.subject())
                || !Subjects.isValidSubscribeSubject(imported.localSubject())) {
            problems.add(at(imported.where(), failed + "subject is not a valid subject"));
            return;
        }
        if (stream && imported.prefix() != null && Subjects.hasWildcard(imported.prefix())) {
            problems.add(at(imported.where(), failed + "stream import prefix can not contain wildcard tokens"));
            return;
        }
        if (!authorized(exporter, importer.name(), imported)) {
            problems.add(at(imported.where(), failed + kind + " import not authorized"));
            return;
        }
        boolean cycle = stream
                ? streamCycle(exporter, imported.localSubject(), byName, new HashSet<>(Set.of(importer.name())), 0)
                        || streamCycle(exporter, imported.subject(), byName, new HashSet<>(Set.of(importer.name())), 0)
                : serviceCycle(exporter, imported.subject(), byName, new HashSet<>(Set.of(importer.name())), 0);
        if (cycle) {
            problems.add(at(imported.where(), failed + "import forms a cycle"));
        }
    }

    /** Whether the exporter has an export covering the import's subject that lets the importer in. */
    private static boolean authorized(AccountConfig exporter, String importer, ImportConfig imported) {
        for (ExportConfig export : exporter.exports()) {
            if (export.kind() != imported.kind()) {
                continue;
            }
            if (export.subject().equals(imported.subject())
                    || SubjectRelations.isSubsetMatch(imported.subject(), export.subject())) {
                return export.isPublic() || export.accounts().contains(importer);
            }
        }
        return false;
    }

    /** nats-server's checkStreamImportsForCycles, on the config. */
    private static boolean streamCycle(AccountConfig account, String to, Map<String, AccountConfig> byName,
                                       Set<String> visited, int depth) {
        if (depth >= MAX_CYCLE_SEARCH_DEPTH) {
            return true;
        }
        boolean exported = account.exports().stream().anyMatch(e -> e.kind() == ExportConfig.Kind.STREAM
                && SubjectRelations.isSubsetMatch(to, e.subject()));
        if (!exported) {
            return false;
        }
        for (ImportConfig imported : account.imports()) {
            if (imported.kind() != ExportConfig.Kind.STREAM || !SubjectRelations.collide(to, imported.localSubject())) {
                continue;
            }
            if (visited.contains(imported.account())) {
                return true;
            }
            visited.add(account.name());
            String next = SubjectRelations.isSubsetMatch(imported.localSubject(), to) ? imported.localSubject() : to;
            AccountConfig source = byName.get(imported.account());
            if (source != null && streamCycle(source, next, byName, visited, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's checkServiceImportsForCycles, on the config. */
    private static boolean serviceCycle(AccountConfig account, String from, Map<String, AccountConfig> byName,
                                        Set<String> visited, int depth) {
        if (depth >= MAX_CYCLE_SEARCH_DEPTH) {
            return true;
        }
        for (ImportConfig imported : account.imports()) {
            if (imported.kind() != ExportConfig.Kind.SERVICE
                    || !SubjectRelations.collide(from, imported.localSubject())) {
                continue;
            }
            if (visited.contains(imported.account())) {
                return true;
            }
            visited.add(account.name());
            String next = SubjectRelations.isSubsetMatch(imported.subject(), from) ? imported.subject() : from;
            AccountConfig source = byName.get(imported.account());
            if (source != null && serviceCycle(source, next, byName, visited, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** A problem already placed at its line: no key position is added by the loader. */
    private static ConfigValidator.Violation at(String where, String message) {
        return new ConfigValidator.Violation(List.of(), where.isEmpty() ? message : where + ": " + message);
    }
}
