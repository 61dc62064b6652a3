package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads one JSON object the way Go's encoding/json fills a struct: keys match case-insensitively,
 * the last of duplicate keys wins, unknown keys are ignored, {@code null} leaves the zero value, and
 * a value of the wrong type (a string for a number, 1.5 or 1e3 for an integer, a number out of the
 * field's range) fails the whole request. Every failure is nats-server's 10025 {@code invalid JSON}.
 */
final class GoJsonObject {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Map<String, JsonNode> fields = new HashMap<>();

    private GoJsonObject(JsonNode object) {
        object.fields().forEachRemaining(e -> fields.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    }

    /** The object, or null when the value is JSON null (a Go pointer left nil). */
    static GoJsonObject of(JsonNode node) throws JsApiException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid();
        }
        return new GoJsonObject(node);
    }

    static JsApiException invalid() {
        return new JsApiException(JsErrorKind.INVALID_JSON.error());
    }

    /** The value of a key, or null when absent or JSON null. */
    JsonNode value(String key) {
        JsonNode v = fields.get(key);
        return v == null || v.isNull() ? null : v;
    }

    boolean present(String key) {
        return value(key) != null;
    }

    String string(String key) throws JsApiException {
        JsonNode v = value(key);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw invalid();
        }
        return v.textValue();
    }

    boolean bool(String key) throws JsApiException {
        JsonNode v = value(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid();
        }
        return v.booleanValue();
    }

    /** A signed integer of Go's width {@code bits} (32 or 64). */
    long integer(String key, int bits) throws JsApiException {
        BigInteger n = integral(key);
        if (n.bitLength() > bits - 1) {
            throw invalid();
        }
        return n.longValue();
    }

    /** A Go uint64, held in a long's bits (values above Long.MAX_VALUE wrap, as unsigned). */
    long unsigned(String key) throws JsApiException {
        BigInteger n = integral(key);
        if (n.signum() < 0 || n.compareTo(UINT64_MAX) > 0) {
            throw invalid();
        }
        return n.longValue();
    }

    private BigInteger integral(String key) throws JsApiException {
        JsonNode v = value(key);
        if (v == null) {
            return BigInteger.ZERO;
        }
        if (!v.isIntegralNumber()) {
            throw invalid();
        }
        return v.bigIntegerValue();
    }

    /** An RFC 3339 time, or null. */
    OffsetDateTime time(String key) throws JsApiException {
        String text = value(key) == null ? null : string(key);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** An enum written as one of {@code names}' JSON strings; null (absent) gives {@code zero}. */
    <E> E enumValue(String key, E zero, Function<String, E> byJson) throws JsApiException {
        JsonNode raw = fields.get(key);
        if (raw == null) {
            return zero;
        }
        // Go hands null to the enum's own parser, which refuses it.
        if (!raw.isTextual()) {
            throw invalid();
        }
        E e = byJson.apply(raw.textValue());
        if (e == null) {
            throw invalid();
        }
        return e;
    }

    List<String> strings(String key) throws JsApiException {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array(key)) {
            if (item.isNull()) {
                out.add("");
            } else if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                throw invalid();
            }
        }
        return out;
    }

    List<JsonNode> array(String key) throws JsApiException {
        JsonNode v = value(key);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw invalid();
        }
        v.forEach(out::add);
        return out;
    }

    GoJsonObject object(String key) throws JsApiException {
        return of(value(key));
    }

    Map<String, String> stringMap(String key) throws JsApiException {
        JsonNode v = value(key);
        Map<String, String> out = new TreeMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            throw invalid();
        }
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isNull()) {
                out.put(e.getKey(), "");
            } else if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                throw invalid();
            }
        }
        return out;
    }
}
