package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delay of a {@code -NAK}: JSON {@code {"delay":<ns>}} (jnats, nats.go) or a Go duration
 * ({@code -NAK 5s}). Anything unreadable is a plain NAK, as in nats-server (which only warns).
 */
final class NakDelay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

    private NakDelay() {
    }

    /** The delay in nanoseconds; 0 for none or unreadable. */
    static long parse(String argument) {
        if (argument.startsWith("{")) {
            try {
                JsonNode delay = JSON.readTree(argument).get("delay");
                return delay != null && delay.canConvertToLong() ? Math.max(0, delay.longValue()) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
        return goDuration(argument);
    }

    /** Go's time.ParseDuration for the usual forms ("1.5s", "1m30s", "250ms"); 0 when it fails. */
    static long goDuration(String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double total = 0;
        while (m.find() && m.start() == at) {
            double value = Double.parseDouble(m.group(1));
            total += value * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1_000;
                case "ms" -> 1_000_000;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            at = m.end();
        }
        return at == text.length() && at > 0 ? (long) total : 0;
    }
}
