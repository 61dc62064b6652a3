package io.wirehub.client.stream;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream protocol (docs/streams.md). The reader waits on the stream's subject; the writer
 * sends OPEN there as a request with its credit inbox, and the reader answers with its data inbox
 * and window. DATA messages (header {@code Wh-Seq}, 1-based) go to the data inbox; the reader writes
 * them in order and sends CREDIT ({@code {"acked": n}}: every chunk up to n consumed) to the credit
 * inbox; a chunk from beyond the next one (one was lost) makes it send CREDIT with
 * {@code "gap": true} so the writer resends from there. END (a request with the sequence of the
 * last chunk, the byte count and the SHA-256 of the whole stream) is answered {@code {"ok": true}}
 * once everything up to it was written and matched, else with the credit to resend from.
 */
final class StreamProtocol {
    static final String QUEUE = "wirehub-stream";
    static final String HEADER_SEQ = "Wh-Seq";
    static final String HEADER_KIND = "Wh-Stream";
    static final String KIND_DATA = "data";
    static final String KIND_END = "end";

    private StreamProtocol() {
    }

    static byte[] json(Map<String, Object> fields) {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        fields.forEach((key, value) -> values.put(key, switch (value) {
            case Number n -> new JsonValue(n.longValue());
            case Boolean b -> new JsonValue(b);
            default -> new JsonValue(String.valueOf(value));
        }));
        return new JsonValue(values).toJson().getBytes(StandardCharsets.UTF_8);
    }

    static JsonValue parse(Message message) {
        return JsonParser.parseUnchecked(message.getData() == null ? new byte[0] : message.getData());
    }

    static String kind(Message message) {
        Headers headers = message.getHeaders();
        return headers == null ? "" : String.valueOf(headers.getFirst(HEADER_KIND));
    }

    static long seq(Message message) {
        Headers headers = message.getHeaders();
        String seq = headers == null ? null : headers.getFirst(HEADER_SEQ);
        try {
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
