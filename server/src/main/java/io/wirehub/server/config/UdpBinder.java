package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import java.util.Map;

/**
 * Reads Wirehub's {@code udp { ... }} block:
 * <pre>
 * udp {
 *   host: 127.0.0.1          # loopback unless told otherwise
 *   port: 4223               # or listen: "127.0.0.1:4223"
 *   rate_per_source: 10000   # datagrams per second from one address (0: no limit)
 *   publish: ["sensors.>"]   # subjects UDP may publish to; required when authentication is on
 * }
 * </pre>
 */
final class UdpBinder {
    private UdpBinder() {
    }

    static UdpConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("udp");
        MapValue map = reader.map(entry);
        UdpConfig[] config = {UdpConfig.OFF};
        if (map != null) {
            reader.each(map, Map.of(
                    "host", e -> config[0] = config[0].withAddress(EntryValues.string(e), config[0].port()),
                    "port", e -> config[0] = config[0].withAddress(null, EntryValues.smallInteger(e)),
                    "listen", e -> {
                        ListenAddress address = ListenAddress.of(e);
                        config[0] = config[0].withAddress(address.host(), address.port());
                    },
                    "rate_per_source", e -> config[0] = config[0].withRatePerSource(rate(e)),
                    "publish", e -> config[0] = config[0].withPublishAllowed(PermissionsBinder.subjects(e, false))));
            if (!config[0].enabled()) {
                reader.problem(entry.position(), "udp needs a port (-1 for any free port)");
            }
        }
        reader.finish();
        return config[0];
    }

    private static int rate(ConfigEntry entry) {
        long value = EntryValues.integer(entry);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new InvalidValueException("\"" + entry.key() + "\" must be between 0 and " + Integer.MAX_VALUE
                    + ", got " + value);
        }
        return (int) value;
    }
}
