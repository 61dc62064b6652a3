package io.wirehub.server.monitor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A request's query parameters, read the way nats-server's handlers read theirs. */
final class QueryParams {
    private final Map<String, String> values = new HashMap<>();

    QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(key, value);
        }
    }

    /** Options given some other way (a system account request's JSON body), under the query's names. */
    QueryParams(Map<String, String> given) {
        values.putAll(given);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Error decoding query: " + e.getMessage());
        }
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** nats-server's decodeBool: empty is false, otherwise Go's strconv.ParseBool. */
    boolean bool(String key) {
        String value = get(key);
        return switch (value) {
            case "" -> false;
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BadRequest("Error decoding boolean for '" + key + "': strconv.ParseBool: parsing \""
                    + value + "\": invalid syntax");
        };
    }

    int integer(String key) {
        String value = get(key);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("Error decoding int for '" + key + "': strconv.Atoi: parsing \"" + value
                    + "\": invalid syntax");
        }
    }

    long unsigned(String key) {
        String value = get(key);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("Error decoding uint64 for '" + key + "': strconv.ParseUint: parsing \"" + value
                    + "\": invalid syntax");
        }
    }

    String lower(String key) {
        return get(key).toLowerCase(Locale.ROOT);
    }
}
