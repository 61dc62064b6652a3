package io.wirehub.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The Unix domain socket listener ({@code unix { path mode }}, {@code --unix PATH}): the same
 * protocol as the client port, on a socket file. Off unless a path is given.
 *
 * @param path    the socket file; null when off
 * @param mode    permission bits of the socket file (connecting needs write permission on it)
 * @param options buffer sizes and backlog (TCP-only options are ignored on this listener)
 */
public record UnixSocketConfig(Path path, int mode, SocketOptionsConfig options) {
    /** Owner only: any local user who can write the socket may speak to the server. */
    public static final int DEFAULT_MODE = 0600;
    public static final UnixSocketConfig OFF = new UnixSocketConfig(null, DEFAULT_MODE, SocketOptionsConfig.DEFAULTS);

    public UnixSocketConfig {
        Objects.requireNonNull(options, "options");
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("socket file mode must be between 0000 and 0777, got 0"
                    + Integer.toOctalString(mode));
        }
    }

    public static UnixSocketConfig at(Path path) {
        return new UnixSocketConfig(path, DEFAULT_MODE, SocketOptionsConfig.DEFAULTS);
    }

    public boolean enabled() {
        return path != null;
    }

    public UnixSocketConfig withPath(Path newPath) {
        return new UnixSocketConfig(newPath, mode, options);
    }

    public UnixSocketConfig withMode(int newMode) {
        return new UnixSocketConfig(path, newMode, options);
    }
}
