package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.api.GoTime;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.util.NuidLike;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What every JetStream advisory shares (nats-server's TypedEvent): {@code type}, a NUID-like
 * {@code id} and the {@code timestamp} first, the event's own fields after them, and
 * {@code domain} last when the server has one. Stateless.
 */
final class AdvisoryEvents {
    static final String ADVISORY_TYPE = "io.nats.jetstream.advisory.v1.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdvisoryEvents() {
    }

    /** A new event of a full type name ({@code io.nats.jetstream.advisory.v1.stream_action}). */
    static ObjectNode event(String type) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type);
        e.put("id", NuidLike.next());
        e.put("timestamp", GoTime.format(Instant.now()));
        return e;
    }

    /** Adds the domain (when there is one) and publishes, without reply or headers. */
    static void send(InternalPublisher out, String subject, ObjectNode e, String domain) {
        if (!domain.isEmpty()) {
            e.put("domain", domain);
        }
        byte[] body = e.toString().getBytes(StandardCharsets.UTF_8);
        out.publish(subject, null, null, body, 0, body.length);
    }
}
