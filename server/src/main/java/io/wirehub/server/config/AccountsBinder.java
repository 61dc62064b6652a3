package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code accounts {}} (or the list form {@code accounts: [A, B]}) and {@code mappings {}},
 * under nats-server's keys and aliases and with its error texts. Whether imports are allowed by
 * the exporting account, and whether they form a cycle, is decided once every account is read
 * ({@link AccountRules}).
 */
final class AccountsBinder {
    private AccountsBinder() {
    }

    /** The accounts, and every user they hold (each with its account's name). */
    record Result(List<AccountConfig> accounts, List<UserConfig> users) {
    }

    static Result read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("accounts");
        List<AccountConfig> accounts = new ArrayList<>();
        List<UserConfig> users = new ArrayList<>();
        if (entry.value() instanceof ListValue list) {
            for (ConfigValue value : list.values()) {
                if (!(value instanceof StringValue name)) {
                    reader.problem(value.position(), "an account name must be a string, got " + value.describe());
                    continue;
                }
                if (checkName(name.value(), value.position(), reader, accounts)) {
                    accounts.add(new AccountConfig(name.value(), List.of(), List.of(), List.of(),
                            AccountLimitsConfig.NONE, value.position().toString()));
                }
            }
            reader.finish();
            return new Result(accounts, users);
        }
        MapValue map = reader.map(entry);
        if (map != null) {
            for (ConfigEntry account : map.entries().values()) {
                if (account.referencedAsVariable()) {
                    continue;
                }
                if (!(account.value() instanceof MapValue body)) {
                    reader.problem(account.position(), "Expected map entries for accounts");
                    continue;
                }
                if (!checkName(account.key(), account.position(), reader, accounts)) {
                    continue;
                }
                try {
                    readAccount(account.key(), account.position(), body, accounts, users);
                } catch (BlockProblems problems) {
                    reader.addFormatted(problems.problems());
                }
            }
        }
        reader.finish();
        return new Result(accounts, users);
    }

    private static boolean checkName(String name, SourcePosition where, BlockReader reader,
                                     List<AccountConfig> accounts) {
        if (name.equals(AccountConfig.GLOBAL)) {
            reader.problem(where, "\"" + name + "\" is a Reserved Account");
            return false;
        }
        if (accounts.stream().anyMatch(a -> a.name().equals(name))) {
            reader.problem(where, "Duplicate Account Entry: " + name);
            return false;
        }
        return true;
    }

    private static void readAccount(String name, SourcePosition where, MapValue body, List<AccountConfig> accounts,
                                    List<UserConfig> allUsers) {
        BlockReader reader = new BlockReader("account " + name);
        List<UserConfig> users = new ArrayList<>();
        List<ExportConfig> exports = new ArrayList<>();
        List<ImportConfig> imports = new ArrayList<>();
        List<MappingConfig> mappings = new ArrayList<>();
        PermissionsConfig[] defaults = {null};
        AccountLimitsConfig[] limits = {AccountLimitsConfig.NONE};
        JetStreamAccountLimits[] jetstream = {null};
        reader.each(body, Map.of(
                "jetstream", e -> jetstream[0] = JetStreamBinder.readAccount(e),
                "users", e -> users.addAll(AuthorizationBinder.readUsers(e)),
                "exports", e -> exports.addAll(readExports(e)),
                "imports", e -> imports.addAll(readImports(e)),
                "mappings", e -> mappings.addAll(readMappings(e)),
                "maps", e -> mappings.addAll(readMappings(e)),
                "limits", e -> limits[0] = readLimits(e),
                "default_permissions", e -> defaults[0] = PermissionsBinder.read(e),
                "nkey", e -> {
                    String key = EntryValues.string(e);
                    if (!key.matches("A[A-Z2-7]{55}")) {
                        throw new InvalidValueException("Not a valid public nkey for an account: \"" + key + "\"");
                    }
                }));
        reader.finish();
        for (UserConfig user : users) {
            UserConfig withDefaults = user.permissions() == null && defaults[0] != null
                    ? user.withPermissions(defaults[0]) : user;
            allUsers.add(withDefaults.inAccount(name));
        }
        accounts.add(new AccountConfig(name, exports, imports, mappings, limits[0], where.toString(), jetstream[0]));
    }

    private static List<ExportConfig> readExports(ConfigEntry entry) {
        if (!(entry.value() instanceof ListValue list)) {
            throw new InvalidValueException("Exports should be an array, got " + entry.value().describe());
        }
        BlockReader reader = new BlockReader("exports");
        List<ExportConfig> exports = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "Export Items should be a map with type entry, got "
                        + value.describe());
                continue;
            }
            ExportConfig export = readExport(map, reader);
            if (export != null) {
                exports.add(export);
            }
        }
        reader.finish();
        return exports;
    }

    private static ExportConfig readExport(MapValue map, BlockReader outer) {
        BlockReader reader = new BlockReader("export");
        String[] stream = {null};
        String[] service = {null};
        List<String> accounts = new ArrayList<>();
        ExportConfig.ResponseType[] responseType = {null};
        Duration[] threshold = {null};
        Map<String, java.util.function.Consumer<ConfigEntry>> handlers = new HashMap<>();
        handlers.put("stream", e -> stream[0] = EntryValues.string(e));
        handlers.put("service", e -> service[0] = EntryValues.string(e));
        handlers.put("accounts", e -> accounts.addAll(strings(e)));
        for (String key : List.of("response", "response_type")) {
            handlers.put(key, e -> responseType[0] = responseType(e));
        }
        for (String key : List.of("threshold", "response_threshold", "response_max_time", "response_time")) {
            handlers.put(key, e -> threshold[0] = EntryValues.duration(e));
        }
        // Accepted as nats-server does, with no effect here: latency tracking and account-token exports.
        handlers.put("latency", e -> { });
        handlers.put("account_token_position", e -> { });
        handlers.put("allow_trace", e -> { });
        reader.each(map, handlers);
        try {
            reader.finish();
        } catch (BlockProblems problems) {
            outer.addFormatted(problems.problems());
            return null;
        }
        if (stream[0] != null && service[0] != null) {
            outer.problem(map.position(), "Detected service \"" + service[0] + "\" but already saw a stream");
            return null;
        }
        if (stream[0] == null && service[0] == null) {
            outer.problem(map.position(), "export needs a stream or a service subject");
            return null;
        }
        if (stream[0] != null && (responseType[0] != null || threshold[0] != null)) {
            outer.problem(map.position(), "Detected response directive on non-service");
            return null;
        }
        String where = map.position().toString();
        return stream[0] != null
                ? new ExportConfig(ExportConfig.Kind.STREAM, stream[0], accounts, ExportConfig.ResponseType.SINGLETON,
                        ExportConfig.DEFAULT_RESPONSE_THRESHOLD, where)
                : new ExportConfig(ExportConfig.Kind.SERVICE, service[0], accounts,
                        responseType[0] == null ? ExportConfig.ResponseType.SINGLETON : responseType[0],
                        threshold[0] == null ? ExportConfig.DEFAULT_RESPONSE_THRESHOLD : threshold[0], where);
    }

    private static ExportConfig.ResponseType responseType(ConfigEntry entry) {
        String type = EntryValues.string(entry).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "single", "singleton" -> ExportConfig.ResponseType.SINGLETON;
            case "stream" -> ExportConfig.ResponseType.STREAM;
            case "chunk", "chunked" -> ExportConfig.ResponseType.CHUNKED;
            default -> throw new InvalidValueException("Unknown response type: \"" + EntryValues.string(entry) + "\"");
        };
    }

    private static List<ImportConfig> readImports(ConfigEntry entry) {
        if (!(entry.value() instanceof ListValue list)) {
            throw new InvalidValueException("Imports should be an array, got " + entry.value().describe());
        }
        BlockReader reader = new BlockReader("imports");
        List<ImportConfig> imports = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "Import Items should be a map with type entry, got "
                        + value.describe());
                continue;
            }
            ImportConfig imported = readImport(map, reader);
            if (imported == null) {
                continue;
            }
            if (imported.kind() == ExportConfig.Kind.SERVICE) {
                for (ImportConfig earlier : imports) {
                    if (earlier.kind() == ExportConfig.Kind.SERVICE && earlier.account().equals(imported.account())
                            && earlier.localSubject().equals(imported.localSubject())) {
                        reader.problem(map.position(), "Duplicate service import subject \"" + imported.localSubject()
                                + "\", previously used in import for account \"" + earlier.account()
                                + "\", subject \"" + earlier.subject() + "\"");
                        imported = null;
                        break;
                    }
                }
            }
            if (imported != null) {
                imports.add(imported);
            }
        }
        reader.finish();
        return imports;
    }

    private static ImportConfig readImport(MapValue map, BlockReader outer) {
        BlockReader reader = new BlockReader("import");
        String[][] stream = {null};
        String[][] service = {null};
        String[] to = {null};
        String[] prefix = {null};
        boolean[] share = {false};
        reader.each(map, Map.of(
                "stream", e -> stream[0] = accountAndSubject(e, "Stream"),
                "service", e -> service[0] = accountAndSubject(e, "Service"),
                "to", e -> to[0] = EntryValues.string(e),
                "prefix", e -> prefix[0] = EntryValues.string(e),
                "share", e -> share[0] = EntryValues.bool(e),
                "allow_trace", e -> { }));
        try {
            reader.finish();
        } catch (BlockProblems problems) {
            outer.addFormatted(problems.problems());
            return null;
        }
        if (stream[0] != null && service[0] != null) {
            outer.problem(map.position(), "Detected service but already saw a stream");
            return null;
        }
        if (stream[0] == null && service[0] == null) {
            outer.problem(map.position(), "import needs a stream or a service");
            return null;
        }
        if (stream[0] != null && prefix[0] != null && to[0] != null) {
            outer.problem(map.position(), "Stream import can not have a 'prefix' and a 'to' property");
            return null;
        }
        String where = map.position().toString();
        return stream[0] != null
                ? new ImportConfig(ExportConfig.Kind.STREAM, stream[0][0], stream[0][1], to[0], prefix[0], false, where)
                : new ImportConfig(ExportConfig.Kind.SERVICE, service[0][0], service[0][1], to[0], null, share[0], where);
    }

    /** {@code {account: A, subject: "x"}}. */
    private static String[] accountAndSubject(ConfigEntry entry, String kind) {
        if (!(entry.value() instanceof MapValue map)) {
            throw new InvalidValueException(kind + " entry should be an account map, got " + entry.value().describe());
        }
        BlockReader reader = new BlockReader(entry.key());
        String[] parts = {null, null};
        reader.each(map, Map.of("account", e -> parts[0] = EntryValues.string(e),
                "subject", e -> parts[1] = EntryValues.string(e)));
        reader.finish();
        if (parts[0] == null || parts[0].isEmpty() || parts[1] == null || parts[1].isEmpty()) {
            throw new InvalidValueException("Expect an account name and a subject");
        }
        return parts;
    }

    static List<MappingConfig> readMappings(ConfigEntry entry) {
        BlockReader reader = new BlockReader(entry.key());
        MapValue map = reader.map(entry);
        List<MappingConfig> mappings = new ArrayList<>();
        if (map != null) {
            for (ConfigEntry mapping : map.entries().values()) {
                try {
                    mappings.add(readMapping(mapping));
                } catch (BlockProblems problems) {
                    reader.addFormatted(problems.problems());
                } catch (InvalidValueException e) {
                    reader.problem(mapping.position(), e.getMessage());
                }
            }
        }
        reader.finish();
        return mappings;
    }

    private static MappingConfig readMapping(ConfigEntry entry) {
        String where = entry.position().toString();
        if (entry.value() instanceof StringValue destination) {
            return new MappingConfig(entry.key(), List.of(new MappingConfig.Destination(destination.value(), 100)),
                    true, where);
        }
        List<MappingConfig.Destination> destinations = new ArrayList<>();
        List<ConfigValue> values = entry.value() instanceof ListValue list ? list.values() : List.of(entry.value());
        BlockReader reader = new BlockReader("mapping " + entry.key());
        for (ConfigValue value : values) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "Expected an entry for the mapping destination");
                continue;
            }
            String[] subject = {null};
            Integer[] weight = {null};
            String[] cluster = {null};
            BlockReader destinationReader = new BlockReader("mapping destination");
            destinationReader.each(map, Map.of(
                    "destination", e -> subject[0] = EntryValues.string(e),
                    "dest", e -> subject[0] = EntryValues.string(e),
                    "weight", e -> weight[0] = weight(e),
                    "cluster", e -> cluster[0] = EntryValues.string(e)));
            try {
                destinationReader.finish();
            } catch (BlockProblems problems) {
                reader.addFormatted(problems.problems());
                continue;
            }
            if (weight[0] == null) {
                reader.problem(map.position(), "Missing weight for mapping destination \"" + subject[0] + "\"");
                continue;
            }
            destinations.add(new MappingConfig.Destination(subject[0], weight[0], cluster[0]));
        }
        reader.finish();
        return new MappingConfig(entry.key(), destinations, false, where);
    }

    private static int weight(ConfigEntry entry) {
        long weight;
        if (entry.value() instanceof IntegerValue number) {
            weight = number.value();
        } else if (entry.value() instanceof StringValue text) {
            String digits = text.value().endsWith("%") ? text.value().substring(0, text.value().length() - 1)
                    : text.value();
            try {
                weight = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("Invalid weight \"" + digits + "\" for mapping destination");
            }
        } else {
            throw new InvalidValueException("Unknown entry type for weight of " + entry.value().describe());
        }
        if (weight < 0 || weight > 100) {
            throw new InvalidValueException("Invalid weight " + weight + " for mapping destination");
        }
        return (int) weight;
    }

    private static AccountLimitsConfig readLimits(ConfigEntry entry) {
        BlockReader reader = new BlockReader("account limits");
        MapValue map = reader.map(entry);
        int[] values = {-1, -1, -1};
        if (map != null) {
            reader.each(map, Map.of(
                    "max_connections", e -> values[0] = EntryValues.smallInteger(e),
                    "max_conn", e -> values[0] = EntryValues.smallInteger(e),
                    "max_subscriptions", e -> values[1] = EntryValues.smallInteger(e),
                    "max_subs", e -> values[1] = EntryValues.smallInteger(e),
                    "max_payload", e -> values[2] = EntryValues.smallInteger(e),
                    "max_pay", e -> values[2] = EntryValues.smallInteger(e),
                    "max_leafnodes", e -> { },
                    "max_leafs", e -> { }));
        }
        reader.finish();
        return new AccountLimitsConfig(values[0], values[1], values[2]);
    }

    private static List<String> strings(ConfigEntry entry) {
        if (!(entry.value() instanceof ListValue list)) {
            throw EntryValues.expected(entry, "a list of account names");
        }
        List<String> names = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof StringValue name)) {
                throw EntryValues.expected(entry, "a list of account names");
            }
            names.add(name.value());
        }
        return names;
    }

    /** {@code no_system_account: true}, or the bare key. */
    static boolean flag(ConfigEntry entry) {
        return !(entry.value() instanceof BooleanValue b) || b.value();
    }
}
