package io.wirehub.client.cache;

import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a responder allows through its reply's {@code Cache-Control} header: HTTP's directives, of
 * which the cache honours {@code max-age=N} (seconds) and {@code no-store} / {@code no-cache}. A
 * reply without the header, or with an unreadable one, is never cached: only the responder knows
 * whether its answer may be reused.
 */
public record CacheControl(Duration maxAge) {
    public static final String HEADER = "Cache-Control";

    /** Nothing may be stored. */
    public static final CacheControl NO_STORE = new CacheControl(Duration.ZERO);

    public boolean cacheable() {
        return maxAge.isPositive();
    }

    /** Reads the reply's headers; several {@code Cache-Control} values are read as one list. */
    public static CacheControl of(Headers headers) {
        if (headers == null) {
            return NO_STORE;
        }
        List<String> values = headers.get(HEADER);
        if (values == null || values.isEmpty()) {
            return NO_STORE;
        }
        return parse(String.join(",", values));
    }

    public static CacheControl parse(String value) {
        Duration maxAge = Duration.ZERO;
        for (String part : value.split(",")) {
            String directive = part.trim().toLowerCase(Locale.ROOT);
            if (directive.equals("no-store") || directive.equals("no-cache")) {
                // Whatever else it says, the responder asked for no reuse.
                return NO_STORE;
            }
            if (directive.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(directive.substring("max-age=".length()).trim());
                    maxAge = seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ZERO;
                } catch (NumberFormatException e) {
                    return NO_STORE;
                }
            }
        }
        return maxAge.isPositive() ? new CacheControl(maxAge) : NO_STORE;
    }
}
