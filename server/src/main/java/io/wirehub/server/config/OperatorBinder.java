package io.wirehub.server.config;

import static io.wirehub.server.config.EntryValues.bool;
import static io.wirehub.server.config.EntryValues.duration;
import static io.wirehub.server.config.EntryValues.integer;
import static io.wirehub.server.config.EntryValues.string;

import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import io.wirehub.server.config.OperatorConfig.ResolverConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code operator}, {@code resolver} and {@code resolver_preload} with nats-server's forms and
 * error texts. An operator entry is a file holding the JWT or the JWT itself (text starting
 * {@code eyJ}), as nats-server accepts it.
 */
final class OperatorBinder {
    /** Every JWT's header is {"typ":"JWT","alg":...}, so its base64url starts so (nats-server's jwtPrefix). */
    private static final String JWT_PREFIX = "eyJ";
    private static final Pattern MEMORY = Pattern.compile("(?i)(MEM|MEMORY)\\s*");
    private static final Pattern URL = Pattern.compile("(?i)(?:URL)(?:\\(\\s*\"?([^\\s\"]*)\"?\\s*\\))?\\s*");

    private OperatorBinder() {
    }

    static List<String> operators(ConfigEntry entry) {
        List<String> names = new ArrayList<>();
        if (entry.value() instanceof StringValue v) {
            names.add(v.value());
        } else if (entry.value() instanceof ListValue list) {
            for (ConfigValue value : list.values()) {
                if (!(value instanceof StringValue v)) {
                    throw new InvalidValueException("error parsing operators: unsupported type " + value.describe()
                            + " where string is expected");
                }
                names.add(v.value());
            }
        } else {
            throw new InvalidValueException("error parsing operators: unsupported type " + entry.value().describe());
        }
        List<String> jwts = new ArrayList<>();
        for (String name : names) {
            jwts.add(readJwt(name));
        }
        return jwts;
    }

    /** The JWT in the named file, or the text itself when it is an inline JWT (nats-server's order). */
    private static String readJwt(String fileOrJwt) {
        try {
            return decorated(Files.readString(Path.of(fileOrJwt), StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException e) {
            if (!fileOrJwt.startsWith(JWT_PREFIX)) {
                throw new InvalidValueException("error parsing operator JWT: open " + fileOrJwt
                        + ": no such file or directory");
            }
            return fileOrJwt.strip();
        }
    }

    /**
     * The JWT of a file as nsc writes it: either the bare JWT or one between
     * {@code -----BEGIN ... JWT-----} lines (nats-io/jwt ParseDecoratedJWT).
     */
    static String decorated(String contents) {
        String[] lines = contents.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("-----BEGIN") && lines[i].contains("JWT") && i + 1 < lines.length) {
                return lines[i + 1].strip();
            }
        }
        return contents.strip();
    }

    static ResolverConfig resolver(ConfigEntry entry) {
        String where = entry.position().toString();
        if (entry.value() instanceof StringValue v) {
            if (MEMORY.matcher(v.value()).matches() || MEMORY.matcher(v.value()).lookingAt()) {
                return ResolverConfig.memory(where);
            }
            Matcher url = URL.matcher(v.value());
            if (url.lookingAt()) {
                throw new InvalidValueException("the URL account resolver is not supported by Wirehub: it fetches "
                        + "account JWTs over HTTP; use resolver: MEMORY with resolver_preload, or a full or cache "
                        + "resolver with a dir");
            }
            throw parseError();
        }
        if (!(entry.value() instanceof MapValue map)) {
            throw new InvalidValueException("error parsing operator resolver, wrong type " + entry.value().describe());
        }
        String[] type = {""};
        Path[] dir = {null};
        boolean[] allowDelete = {false};
        boolean[] hardDeleteSet = {false};
        long[] limit = {0};
        Duration[] ttl = {Duration.ZERO};
        Duration[] interval = {Duration.ZERO};
        BlockReader reader = new BlockReader("resolver");
        Map<String, Consumer<ConfigEntry>> handlers = Map.of(
                "type", e -> type[0] = string(e),
                "dir", e -> dir[0] = EntryValues.pathNamed(e, string(e)),
                "allow_delete", e -> allowDelete[0] = bool(e),
                "hard_delete", e -> {
                    bool(e);
                    hardDeleteSet[0] = true;
                },
                "limit", e -> limit[0] = integer(e),
                "ttl", e -> ttl[0] = duration(e),
                "interval", e -> interval[0] = duration(e),
                "timeout", e -> duration(e));
        reader.each(map, handlers);
        String kind = type[0].toUpperCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        ResolverConfig.Type resolved = switch (kind) {
            case "FULL" -> {
                checkDir(dir[0], problems);
                if (!ttl[0].isZero()) {
                    problems.add("FULL does not accept ttl");
                }
                if (hardDeleteSet[0] && !allowDelete[0]) {
                    problems.add("hard_delete has no effect without delete");
                }
                yield ResolverConfig.Type.FULL;
            }
            case "CACHE" -> {
                checkDir(dir[0], problems);
                if (!interval[0].isZero()) {
                    problems.add("CACHE does not accept sync");
                }
                if (allowDelete[0]) {
                    problems.add("CACHE does not accept allow_delete");
                }
                if (hardDeleteSet[0]) {
                    problems.add("CACHE does not accept hard_delete");
                }
                yield ResolverConfig.Type.CACHE;
            }
            case "MEM", "MEMORY" -> ResolverConfig.Type.MEMORY;
            default -> null;
        };
        for (String problem : problems) {
            reader.problem(entry.position(), problem);
        }
        reader.finish();
        if (resolved == null) {
            throw parseError();
        }
        return new ResolverConfig(resolved, dir[0], allowDelete[0], interval[0], limit[0], ttl[0], where);
    }

    private static InvalidValueException parseError() {
        return new InvalidValueException("error parsing account resolver, should be MEM or "
                + " URL(\"url\") or a map containing dir and type state=[FULL|CACHE])");
    }

    private static void checkDir(Path dir, List<String> problems) {
        if (dir == null || dir.toString().isEmpty()) {
            problems.add("dir has no value and needs to point to a directory");
        } else if (Files.exists(dir) && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
            problems.add("dir needs to point to an accessible directory");
        }
    }

    static Map<String, String> preload(ConfigEntry entry) {
        if (!(entry.value() instanceof MapValue map)) {
            throw new InvalidValueException("preload should be a map of account_public_key:account_jwt");
        }
        Map<String, String> preload = new LinkedHashMap<>();
        BlockReader reader = new BlockReader("resolver_preload");
        for (ConfigEntry account : map.entries().values()) {
            if (account.value() instanceof StringValue jwt) {
                preload.put(account.key(), jwt.value().strip());
            } else {
                reader.problem(account.position(), "preload map value should be a string JWT");
            }
        }
        reader.finish();
        return preload;
    }
}
