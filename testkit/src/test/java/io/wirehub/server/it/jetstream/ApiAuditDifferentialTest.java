package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API audit advisory ({@code $JS.EVENT.ADVISORY.API}) and the stream action advisories
 * ({@code $JS.EVENT.ADVISORY.STREAM.CREATED|UPDATED|DELETED.<s>}) side by side with nats-server
 * 2.9.10: one audit per API reply carrying that very reply, the request when there was one, the
 * same fields in the same order; one stream action per change, none for a create that finds the
 * same stream.
 */
class ApiAuditDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one server showed: per API call, the audit's shape; then the stream actions. */
    private record Seen(List<String> audits, List<String> actions) {
    }

    private static Seen run(Connection nc) throws Exception {
        Subscription advisories = nc.subscribe("$JS.EVENT.ADVISORY.>");
        nc.flush(WAIT);
        String[][] calls = {
                {"$JS.API.INFO", ""},
                {"$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"s\"],\"storage\":\"memory\"}"},
                {"$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"s\"],\"storage\":\"memory\"}"},
                {"$JS.API.STREAM.UPDATE.S",
                        "{\"name\":\"S\",\"subjects\":[\"s\"],\"storage\":\"memory\",\"max_msgs\":5}"},
                {"$JS.API.STREAM.INFO.NOPE", ""},
                {"$JS.API.STREAM.DELETE.S", ""},
        };
        List<String> replies = new ArrayList<>();
        for (String[] call : calls) {
            Message reply = nc.request(call[0], call[1].getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(reply).as(call[0]).isNotNull();
            replies.add(new String(reply.getData(), StandardCharsets.UTF_8));
        }
        List<JsonNode> audits = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((audits.size() < calls.length || actions.size() < 3) && System.nanoTime() < deadline) {
            Message m = advisories.nextMessage(Duration.ofMillis(200));
            if (m == null) {
                continue;
            }
            JsonNode event = JSON.readTree(m.getData());
            if (m.getSubject().equals("$JS.EVENT.ADVISORY.API")) {
                audits.add(event);
            } else {
                actions.add(m.getSubject() + " " + event.path("type").asText() + " " + event.path("stream").asText()
                        + " " + event.path("action").asText() + " " + fieldNames(event));
            }
        }
        // Anything after the expected ones would be one too many.
        Message extra = advisories.nextMessage(Duration.ofMillis(300));
        assertThat(extra).as("no further advisory").isNull();
        assertThat(audits).hasSize(calls.length);
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            JsonNode audit = audits.get(i);
            assertThat(audit.path("subject").asText()).isEqualTo(calls[i][0]);
            assertThat(audit.path("response").asText()).as("the reply itself").isEqualTo(replies.get(i));
            if (calls[i][1].isEmpty()) {
                assertThat(audit.has("request")).as("no request text for an empty body").isFalse();
            } else {
                assertThat(audit.path("request").asText()).isEqualTo(calls[i][1]);
            }
            assertThat(audit.path("client").path("acc").asText()).isEqualTo("$G");
            assertThat(audit.path("client").path("rtt").asLong()).as("the client's round trip").isPositive();
            assertThat(audit.path("client").path("server").asText()).isEqualTo(audit.path("server").asText());
            assertThat(audit.path("id").asText()).hasSize(22);
            shapes.add(audit.path("type").asText() + " " + audit.path("subject").asText() + " "
                    + fieldNames(audit) + " client" + fieldNames(audit.path("client")));
        }
        return new Seen(shapes, actions);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void auditAndStreamActionsMatchNatsServers() throws Exception {
        try (JetStreamPair pair = JetStreamPair.start()) {
            Seen expected = run(pair.natsClient());
            Seen actual = run(pair.wirehubClient());
            assertThat(actual.audits()).containsExactlyElementsOf(expected.audits());
            assertThat(actual.actions()).containsExactlyInAnyOrderElementsOf(expected.actions());
            assertThat(expected.actions()).hasSize(3);
            assertThat(expected.audits().get(0)).startsWith("io.nats.jetstream.advisory.v1.api_audit ");
        }
    }
}
