package io.wirehub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A natscli context (ADR-21): connection settings saved under a name in
 * {@code $XDG_CONFIG_HOME/nats/context/NAME.json} (default {@code ~/.config}), with the selected
 * one named in {@code nats/context.txt}. Wirehub reads the files natscli writes, so a user's
 * {@code nats context add} works here unchanged. Only the fields a connection uses are read; the
 * JetStream prefixes and Windows certificate store ones are ignored.
 *
 * <p>Paths in a context may start with {@code ~/}, as natscli allows.
 */
record NatsContext(String name, Path file, String url, String token, String user, String password, Path creds,
                   Path nkey, Path cert, Path key, Path ca, String userJwt, String inboxPrefix, boolean tlsFirst) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The nats configuration directory: {@code $XDG_CONFIG_HOME/nats}, else {@code ~/.config/nats}. */
    static Path configDirectory(Map<String, String> environment, String home) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("nats");
    }

    /**
     * The context to use: the one named (a name, or a path to a {@code .json} file), else the
     * selected one, else none.
     *
     * @param named {@code --context} or {@code NATS_CONTEXT}; null when neither was given
     * @return null when none is named and none is selected
     * @throws IllegalArgumentException with a one-line message naming the file when a context is
     *                                  missing or malformed
     */
    static NatsContext resolve(String named, Path configDirectory, String home) {
        String name = named;
        if (name == null || name.isBlank()) {
            Path selected = configDirectory.resolve("context.txt");
            if (!Files.isRegularFile(selected)) {
                return null;
            }
            try {
                name = Files.readString(selected).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the selected context in " + selected + ": "
                        + e.getMessage());
            }
            if (name.isEmpty()) {
                return null;
            }
        }
        Path file;
        if (name.endsWith(".json") && (name.contains("/") || name.contains("\\"))) {
            file = expand(name, home);
        } else {
            if (!name.matches("[A-Za-z0-9_.@-]+") || name.startsWith(".")) {
                throw new IllegalArgumentException("context name \"" + name + "\" is not valid");
            }
            file = configDirectory.resolve("context").resolve(name + ".json");
        }
        return read(name, file, home);
    }

    private static NatsContext read(String name, Path file, String home) {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("context \"" + name + "\" not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("context file " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("context file " + file + " does not hold a JSON object");
        }
        return new NatsContext(name, file, text(json, "url"), text(json, "token"), text(json, "user"),
                text(json, "password"), path(json, "creds", home), path(json, "nkey", home), path(json, "cert", home),
                path(json, "key", home), path(json, "ca", home), text(json, "user_jwt"), text(json, "inbox_prefix"),
                json.path("tls_first").asBoolean(false));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static Path path(JsonNode json, String field, String home) {
        String text = text(json, field);
        return text == null ? null : expand(text, home);
    }

    private static Path expand(String path, String home) {
        if (path.equals("~")) {
            return Path.of(home);
        }
        return path.startsWith("~/") ? Path.of(home, path.substring(2)) : Path.of(path);
    }
}
