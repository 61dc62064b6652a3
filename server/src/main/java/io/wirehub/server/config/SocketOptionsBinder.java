package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import java.util.Map;

/**
 * Reads a {@code socket_options { ... }} block:
 * <pre>
 * socket_options {
 *   no_delay: true          # TCP_NODELAY
 *   keep_alive: true        # SO_KEEPALIVE
 *   reuse_address: true     # SO_REUSEADDR on the listener
 *   receive_buffer: 256KB   # SO_RCVBUF (0: the kernel's default)
 *   send_buffer: 256KB      # SO_SNDBUF
 *   backlog: 4096           # accept queue
 * }
 * </pre>
 */
final class SocketOptionsBinder {
    /** Larger buffers than this are a typo, not a tuning (the kernel caps them far lower anyway). */
    private static final long MAX_BUFFER = 64L * 1024 * 1024;

    private SocketOptionsBinder() {
    }

    static SocketOptionsConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("socket_options");
        MapValue map = reader.map(entry);
        SocketOptionsConfig d = SocketOptionsConfig.DEFAULTS;
        boolean[] flags = {d.noDelay(), d.keepAlive(), d.reuseAddress()};
        int[] sizes = {d.receiveBuffer(), d.sendBuffer(), d.backlog()};
        if (map != null) {
            reader.each(map, Map.of(
                    "no_delay", e -> flags[0] = EntryValues.bool(e),
                    "keep_alive", e -> flags[1] = EntryValues.bool(e),
                    "reuse_address", e -> flags[2] = EntryValues.bool(e),
                    "receive_buffer", e -> sizes[0] = bounded(e, 0, MAX_BUFFER),
                    "send_buffer", e -> sizes[1] = bounded(e, 0, MAX_BUFFER),
                    "backlog", e -> sizes[2] = bounded(e, 1, 65535)));
        }
        reader.finish();
        return new SocketOptionsConfig(flags[0], flags[1], flags[2], sizes[0], sizes[1], sizes[2]);
    }

    private static int bounded(ConfigEntry entry, long min, long max) {
        long value = EntryValues.integer(entry);
        if (value < min || value > max) {
            throw new InvalidValueException("\"" + entry.key() + "\" must be between " + min + " and " + max
                    + ", got " + value);
        }
        return (int) value;
    }
}
