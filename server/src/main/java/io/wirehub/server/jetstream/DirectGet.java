package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.jetstream.api.GoTime;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * DIRECT.GET for a stream with allow_direct, as nats-server 2.10 answers it: the stored message
 * itself, its header block extended with Nats-Stream, Nats-Subject, Nats-Sequence and
 * Nats-Time-Stamp, or a status (404 Message Not Found, 408 Empty / Malformed / Bad Request).
 * Both forms: {@code $JS.API.DIRECT.GET.<s>} with a JSON body, and
 * {@code $JS.API.DIRECT.GET.<s>.<subject>} (empty body) for the last message on that subject; with
 * a JetStream domain also under {@code $JS.<domain>.API.}.
 */
final class DirectGet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stream stream;

    DirectGet(Stream stream) {
        this.stream = stream;
    }

    /** A request as Go would read JSApiMsgGetRequest; null when the JSON is malformed. */
    private record Request(long seq, String lastFor, String nextFor) {
    }

    Optional<StreamIngest.Outgoing> answer(InboundMessage message) {
        if (message.reply() == null) {
            return Optional.empty();
        }
        // "$JS.API.DIRECT.GET.<s>" or, with a domain, "$JS.<d>.API.DIRECT.GET.<s>"; <s> is this
        // stream, or the origin of a mirror that answers for it (mirror_direct).
        String marker = ".API.DIRECT.GET.";
        int nameStart = message.subject().indexOf(marker) + marker.length();
        int nameEnd = message.subject().indexOf('.', nameStart);
        String base = nameEnd < 0 ? message.subject() : message.subject().substring(0, nameEnd);
        Request request;
        if (message.subject().length() > base.length()) {
            if (message.payload().length != 0) {
                return status("408 Bad Request");
            }
            String key = message.subject().substring(base.length() + 1);
            if (key.isEmpty()) {
                return status("408 Bad Request");
            }
            request = new Request(0, key, "");
        } else {
            if (message.payload().length == 0) {
                return status("408 Empty Request");
            }
            request = parse(message.payload());
            if (request == null) {
                return status("408 Malformed Request");
            }
            if (request.seq() == 0 && request.lastFor().isEmpty() && request.nextFor().isEmpty()) {
                return status("408 Empty Request");
            }
            if (request.seq() > 0 && !request.lastFor().isEmpty()
                    || !request.lastFor().isEmpty() && !request.nextFor().isEmpty()) {
                return status("408 Bad Request");
            }
        }
        Optional<StoredMessage> found;
        if (request.seq() > 0 && request.nextFor().isEmpty()) {
            found = stream.message(request.seq());
        } else if (!request.nextFor().isEmpty()) {
            found = stream.nextMessage(request.nextFor(), request.seq());
        } else {
            found = stream.lastMessage(request.lastFor());
        }
        if (found.isEmpty()) {
            return status("404 Message Not Found");
        }
        StoredMessage sm = found.get();
        return Optional.of(StreamIngest.Outgoing.reply(headers(sm), sm.payload()));
    }

    private byte[] headers(StoredMessage sm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] original = sm.headers();
        if (original.length > 2) {
            // The stored block without its final CRLF, so the new headers join it.
            out.write(original, 0, original.length - 2);
        } else {
            out.writeBytes("NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        String ts = GoTime.format(Instant.ofEpochSecond(Math.floorDiv(sm.timestampNanos(), 1_000_000_000L),
                Math.floorMod(sm.timestampNanos(), 1_000_000_000L)));
        String added = "Nats-Stream: " + stream.config().name() + "\r\nNats-Subject: " + sm.subject()
                + "\r\nNats-Sequence: " + sm.seq() + "\r\nNats-Time-Stamp: " + ts + "\r\n\r\n";
        out.writeBytes(added.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Optional<StreamIngest.Outgoing> status(String status) {
        return Optional.of(StreamIngest.Outgoing.reply(
                ("NATS/1.0 " + status + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0]));
    }

    private static Request parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return node != null && node.isNull() ? new Request(0, "", "") : null;
            }
            long seq = 0;
            JsonNode s = node.get("seq");
            if (s != null && !s.isNull()) {
                if (!s.isIntegralNumber() || s.bigIntegerValue().signum() < 0
                        || s.bigIntegerValue().bitLength() > 64) {
                    return null;
                }
                seq = s.bigIntegerValue().longValue(); // a uint64 above Long.MAX_VALUE wraps, as unsigned
            }
            String last = text(node, "last_by_subj");
            String next = text(node, "next_by_subj");
            return last == null || next == null ? null : new Request(seq, last, next);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A string field: "" when absent or null, null when of another type. */
    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isTextual() ? v.textValue() : null;
    }
}
