package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.RateLimitConfig.Policy;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Wirehub's {@code limits { ... }} block, and the {@code limits} of a user entry:
 * <pre>
 * limits {
 *   msgs_per_second: 10000        # publish rate per connection (0: none)
 *   bytes_per_second: 10MB
 *   rate_limit_policy: slow       # slow (push back through TCP) or refuse (drop with an -ERR)
 *   connections_per_address: 100  # open connections from one IP (0: none)
 *   connect_rate_per_address: 20  # new connections per second from one IP (0: none)
 * }
 * </pre>
 */
final class LimitsBinder {
    private LimitsBinder() {
    }

    static LimitsConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("limits");
        MapValue map = reader.map(entry);
        long[] rates = {0, 0};
        Policy[] policy = {Policy.SLOW_DOWN};
        int[] perAddress = {0, 0};
        if (map != null) {
            reader.each(map, Map.of(
                    "msgs_per_second", e -> rates[0] = nonNegative(e),
                    "bytes_per_second", e -> rates[1] = nonNegative(e),
                    "rate_limit_policy", e -> policy[0] = policy(e),
                    "connections_per_address", e -> perAddress[0] = (int) Math.min(Integer.MAX_VALUE, nonNegative(e)),
                    "connect_rate_per_address", e -> perAddress[1] = (int) Math.min(Integer.MAX_VALUE, nonNegative(e))));
        }
        reader.finish();
        return new LimitsConfig(new RateLimitConfig(rates[0], rates[1], policy[0]), perAddress[0], perAddress[1]);
    }

    /** A user's own rates: shared by all the user's connections. */
    static RateLimitConfig readRates(ConfigEntry entry) {
        BlockReader reader = new BlockReader("user limits");
        MapValue map = reader.map(entry);
        long[] rates = {0, 0};
        Policy[] policy = {Policy.SLOW_DOWN};
        if (map != null) {
            reader.each(map, Map.of(
                    "msgs_per_second", e -> rates[0] = nonNegative(e),
                    "bytes_per_second", e -> rates[1] = nonNegative(e),
                    "rate_limit_policy", e -> policy[0] = policy(e)));
        }
        reader.finish();
        return new RateLimitConfig(rates[0], rates[1], policy[0]);
    }

    private static long nonNegative(ConfigEntry entry) {
        long value = EntryValues.integer(entry);
        if (value < 0) {
            throw new InvalidValueException("\"" + entry.key() + "\" cannot be negative, got " + value);
        }
        return value;
    }

    private static Policy policy(ConfigEntry entry) {
        return switch (EntryValues.string(entry).toLowerCase(Locale.ROOT)) {
            case "slow", "slow_down", "backpressure" -> Policy.SLOW_DOWN;
            case "refuse", "reject" -> Policy.REFUSE;
            default -> throw new InvalidValueException("\"" + entry.key() + "\" is slow or refuse, got \""
                    + EntryValues.string(entry) + "\"");
        };
    }
}
