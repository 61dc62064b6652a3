package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads nats-server's {@code leafnodes {}} block, the spoke side (opts.go parseLeafNodes,
 * parseRemoteLeafNodes):
 * <pre>
 * leafnodes {
 *   reconnect: 1                 # seconds, or "1s"; also reconnect_delay / reconnect_interval
 *   remotes [
 *     { urls: ["nats-leaf://user:pass@hub:7422"], account: "$G",
 *       deny_imports: ["private.>"], deny_exports: ["local.>"], no_randomize: false,
 *       first_info_timeout: "1s", credentials: "leaf.creds" }   # or nkey: "SU..."
 *   ]
 *   listen: "0.0.0.0:7422", authorization { user, password, account }   # the hub side
 * }
 * </pre>
 * What Wirehub does not offer yet is refused at its line rather than ignored.
 */
final class LeafNodesBinder {
    private static final String NOT_YET = " is not supported by Wirehub's leaf nodes yet";

    private LeafNodesBinder() {
    }

    static LeafNodesConfig read(ConfigEntry entry, Consumer<String> warnings) {
        BlockReader reader = new BlockReader("leafnodes");
        MapValue map = reader.map(entry);
        Duration[] reconnect = {LeafNodesConfig.DEFAULT_RECONNECT};
        List<LeafRemoteConfig> remotes = new ArrayList<>();
        String[] host = {"0.0.0.0"};
        int[] port = {0};
        String[] auth = {null, null, "$G", null};
        List<LeafNodesConfig.LeafUser> users = new ArrayList<>();
        TlsConfig[] tls = {null};
        if (map != null) {
            Consumer<ConfigEntry> readReconnect = e -> reconnect[0] = EntryValues.durationOrSeconds(e, warnings);
            Consumer<ConfigEntry> notYet = e -> reader.problem(e.position(), "leafnodes \"" + e.key() + "\"" + NOT_YET);
            reader.each(map, Map.of(
                    "reconnect", readReconnect,
                    "reconnect_delay", readReconnect,
                    "reconnect_interval", readReconnect,
                    "remotes", e -> remotes.addAll(remotes(e, reader)),
                    "port", e -> port[0] = EntryValues.smallInteger(e),
                    "listen", e -> {
                        ListenAddress address = ListenAddress.of(e);
                        if (address.host() != null) {
                            host[0] = address.host();
                        }
                        port[0] = address.port();
                    },
                    "host", e -> host[0] = EntryValues.string(e),
                    "authorization", e -> authorization(e, auth, users, reader),
                    "tls", e -> tls[0] = TlsBinder.read(e)));
        }
        reader.finish();
        return new LeafNodesConfig(reconnect[0], remotes, host[0], port[0], auth[0], auth[1], auth[2], users, auth[3],
                tls[0]);
    }

    /**
     * {@code authorization { user, password, account, nkey, users [...], timeout }} (nats-server
     * parseLeafAuthorization).
     */
    private static void authorization(ConfigEntry entry, String[] auth, List<LeafNodesConfig.LeafUser> users,
                                      BlockReader outer) {
        BlockReader reader = new BlockReader("leafnode authorization");
        MapValue map = reader.map(entry);
        if (map != null) {
            reader.each(map, Map.of(
                    "user", e -> auth[0] = EntryValues.string(e),
                    "username", e -> auth[0] = EntryValues.string(e),
                    "password", e -> auth[1] = EntryValues.string(e),
                    "pass", e -> auth[1] = EntryValues.string(e),
                    "account", e -> auth[2] = EntryValues.string(e),
                    "timeout", e -> { },
                    "users", e -> users.addAll(users(e, reader)),
                    "nkey", e -> {
                        String key = EntryValues.string(e);
                        if (!key.matches("U[A-Z2-7]{55}")) {
                            reader.problem(e.position(), "Not a valid public nkey for leafnode authorization");
                            return;
                        }
                        auth[3] = key;
                    }));
        }
        try {
            reader.finish();
        } catch (BlockProblems problems) {
            outer.addFormatted(problems.problems());
        }
    }

    /** {@code users [ {user, password, account} ]}: no permissions here, as in nats-server. */
    private static List<LeafNodesConfig.LeafUser> users(ConfigEntry entry, BlockReader reader) {
        if (!(entry.value() instanceof ListValue list)) {
            reader.problem(entry.position(), "Expected users field to be an array, got " + entry.value().describe());
            return List.of();
        }
        List<LeafNodesConfig.LeafUser> users = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "Expected user entry to be a map/struct, got " + value.describe());
                continue;
            }
            BlockReader userReader = new BlockReader("leafnode user");
            String[] fields = {null, null, "$G"};
            userReader.each(map, Map.of(
                    "user", e -> fields[0] = EntryValues.string(e),
                    "username", e -> fields[0] = EntryValues.string(e),
                    "password", e -> fields[1] = EntryValues.string(e),
                    "pass", e -> fields[1] = EntryValues.string(e),
                    "account", e -> fields[2] = EntryValues.string(e)));
            try {
                userReader.finish();
                users.add(new LeafNodesConfig.LeafUser(fields[0], fields[1], fields[2]));
            } catch (BlockProblems problems) {
                reader.addFormatted(problems.problems());
            }
        }
        return users;
    }

    private static List<LeafRemoteConfig> remotes(ConfigEntry entry, BlockReader reader) {
        if (!(entry.value() instanceof ListValue list)) {
            throw EntryValues.expected(entry, "a list of remotes");
        }
        List<LeafRemoteConfig> remotes = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof MapValue map)) {
                reader.problem(value.position(), "Expected remote leafnode entry to be a map/struct, got "
                        + value.describe());
                continue;
            }
            LeafRemoteConfig remote = remote(map, reader);
            if (remote != null) {
                remotes.add(remote);
            }
        }
        return remotes;
    }

    private static LeafRemoteConfig remote(MapValue map, BlockReader outer) {
        BlockReader reader = new BlockReader("remote leafnode");
        List<URI> urls = new ArrayList<>();
        String[] account = {"$G"};
        List<String> denyImports = new ArrayList<>();
        List<String> denyExports = new ArrayList<>();
        boolean[] noRandomize = {false};
        Duration[] firstInfo = {LeafRemoteConfig.DEFAULT_FIRST_INFO_TIMEOUT};
        TlsConfig[] tls = {null};
        Path[] credentials = {null};
        String[] nkey = {null};
        boolean[] wsCompression = {false};
        boolean[] wsNoMasking = {false};
        Consumer<ConfigEntry> readCredentials = e -> {
            if (nkey[0] != null) {
                reader.problem(e.position(), "Remote leafnode can not have both creds and nkey defined");
                return;
            }
            credentials[0] = EntryValues.pathNamed(e, expandHome(EntryValues.string(e)));
        };
        Consumer<ConfigEntry> readNkey = e -> {
            String seed = EntryValues.string(e);
            if (!seed.matches("SU[A-Z2-7]{56}")) { // the checksum is checked when it signs
                reader.problem(e.position(), "Remote leafnode nkey is not a valid seed: \"" + seed + "\"");
                return;
            }
            if (credentials[0] != null) {
                reader.problem(e.position(), "Remote leafnode can not have both creds and nkey defined");
                return;
            }
            nkey[0] = seed;
        };
        Consumer<ConfigEntry> readUrls = e -> urls.addAll(urls(e));
        Consumer<ConfigEntry> readAccount = e -> account[0] = EntryValues.string(e);
        Consumer<ConfigEntry> notYet = e -> reader.problem(e.position(), "remote leafnode \"" + e.key() + "\"" + NOT_YET);
        reader.each(map, Map.ofEntries(
                Map.entry("url", readUrls),
                Map.entry("urls", readUrls),
                Map.entry("account", readAccount),
                Map.entry("local", readAccount),
                Map.entry("deny_imports", e -> denyImports.addAll(PermissionsBinder.subjects(e, false))),
                Map.entry("deny_import", e -> denyImports.addAll(PermissionsBinder.subjects(e, false))),
                Map.entry("deny_exports", e -> denyExports.addAll(PermissionsBinder.subjects(e, false))),
                Map.entry("deny_export", e -> denyExports.addAll(PermissionsBinder.subjects(e, false))),
                Map.entry("no_randomize", e -> noRandomize[0] = EntryValues.bool(e)),
                Map.entry("dont_randomize", e -> noRandomize[0] = EntryValues.bool(e)),
                Map.entry("first_info_timeout", e -> firstInfo[0] = EntryValues.duration(e)),
                Map.entry("credentials", readCredentials),
                Map.entry("creds", readCredentials),
                Map.entry("nkey", readNkey),
                Map.entry("seed", readNkey),
                Map.entry("tls", e -> tls[0] = TlsBinder.readForDialling(e)),
                Map.entry("hub", notYet),
                Map.entry("compression", e -> { }),
                Map.entry("ws_compression", e -> wsCompression[0] = EntryValues.bool(e)),
                Map.entry("ws_no_masking", e -> wsNoMasking[0] = EntryValues.bool(e))));
        if (urls.isEmpty()) {
            reader.problem(map.position(), "remote leafnode needs at least one url");
        } else if (urls.stream().anyMatch(LeafRemoteConfig::isWebSocket)
                && !urls.stream().allMatch(LeafRemoteConfig::isWebSocket)) {
            // nats-server validateLeafNode, word for word (without the URLs' passwords).
            reader.problem(map.position(), "remote leaf node configuration cannot have a mix of websocket and"
                    + " non-websocket urls");
        }
        try {
            reader.finish();
        } catch (BlockProblems problems) {
            outer.addFormatted(problems.problems());
            return null;
        }
        return new LeafRemoteConfig(urls, account[0], denyImports, denyExports, noRandomize[0], firstInfo[0], tls[0],
                credentials[0], nkey[0], wsCompression[0], wsNoMasking[0]);
    }

    /** nats-server's expandPath: a leading ~ is the home directory. */
    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static List<URI> urls(ConfigEntry entry) {
        List<ConfigValue> values = entry.value() instanceof ListValue list ? list.values() : List.of(entry.value());
        List<URI> urls = new ArrayList<>();
        for (ConfigValue value : values) {
            if (!(value instanceof StringValue text)) {
                throw new InvalidValueException("urls in \"" + entry.key() + "\" must be strings, got "
                        + value.describe());
            }
            urls.add(url(text.value()));
        }
        return urls;
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getHost() == null) {
                throw new InvalidValueException("error parsing remote leafnode URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException("error parsing remote leafnode URL: " + e.getMessage());
        }
    }
}
