package io.wirehub.server.config;

import java.util.List;
import java.util.Objects;

/**
 * A config file bound to a builder. The caller applies command-line flags to {@link #builder()}
 * (flags win over the file, as with nats-server) and then builds.
 *
 * @param builder  defaults overlaid with the file's settings
 * @param warnings things that work but should change (e.g. a bare number for a duration), each
 *                 as {@code file:line: message}; for the caller to log
 */
public record LoadedConfigFile(ServerConfig.Builder builder, List<String> warnings) {
    public LoadedConfigFile {
        Objects.requireNonNull(builder, "builder");
        warnings = List.copyOf(warnings);
    }
}
