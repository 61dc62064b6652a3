package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import java.util.Map;

/**
 * Reads Wirehub's {@code unix { ... }} block:
 * <pre>
 * unix {
 *   path: "/run/wirehub/wirehub.sock"
 *   mode: "0660"            # octal, as chmod takes it (default 0600: the server's user only)
 *   socket_options { receive_buffer: 1MB, backlog: 1024 }
 * }
 * </pre>
 */
final class UnixSocketBinder {
    private UnixSocketBinder() {
    }

    static UnixSocketConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("unix");
        MapValue map = reader.map(entry);
        UnixSocketConfig[] config = {UnixSocketConfig.OFF};
        if (map != null) {
            reader.each(map, Map.of(
                    "path", e -> config[0] = config[0].withPath(EntryValues.path(e)),
                    "mode", e -> config[0] = config[0].withMode(mode(e)),
                    "socket_options", e -> config[0] = new UnixSocketConfig(config[0].path(), config[0].mode(),
                            SocketOptionsBinder.read(e))));
            if (config[0].path() == null) {
                reader.problem(entry.position(), "unix needs a path for the socket file");
            }
        }
        reader.finish();
        return config[0];
    }

    /**
     * A file mode as chmod takes it. Written as a number ({@code mode: 660}) the config format reads
     * decimal digits, so the digits are read again as octal: {@code 660} and {@code "0660"} agree.
     */
    static int mode(ConfigEntry entry) {
        String digits = entry.value() instanceof IntegerValue number ? Long.toString(number.value())
                : EntryValues.string(entry);
        return parseMode(digits);
    }

    /** {@code "0660"}, {@code "660"} or {@code "0o660"} → 0660. */
    public static int parseMode(String text) {
        String digits = text.trim();
        if (digits.startsWith("0o") || digits.startsWith("0O")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new InvalidValueException("a file mode is octal digits such as 0660, got \"" + text + "\"");
        }
        int mode = Integer.parseInt(digits, 8);
        if (mode > 0777) {
            throw new InvalidValueException("a socket file mode goes up to 0777, got \"" + text + "\"");
        }
        return mode;
    }
}
