package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mirrors and sources side by side with nats-server 2.9.10: the same origin, the same deletes and
 * the same mirror, filtered mirror and filtered source on both; once each has taken everything,
 * STREAM.INFO must be the same JSON (config, state with its gaps, and the mirror / sources
 * objects) apart from times and the lag and active figures, which depend on timing.
 */
class MirrorsAndSourcesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Times, the figures that depend on timing, and what only 2.10 sends. */
    private static final Set<String> IGNORED = Set.of("ts", "created", "first_ts", "last_ts", "cluster",
            "compression", "consumer_limits", "lag", "active");

    private static JetStreamPair pair;
    private static NatsServerProcess nats;
    private static Wirehub wirehub;
    private static Connection natsClient;
    private static Connection wirehubClient;

    @BeforeAll
    static void start() throws Exception {
        pair = JetStreamPair.start();
        nats = pair.nats();
        wirehub = pair.wirehub();
        natsClient = pair.natsClient();
        wirehubClient = pair.wirehubClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private static JsonNode request(Connection nc, String subject, String body) throws Exception {
        Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as("an answer on " + subject).isNotNull();
        JsonNode node = JSON.readTree(reply.getData());
        assertThat(node.has("error")).as("%s %s: %s", subject, body, node).isFalse();
        return node;
    }

    private static void both(String subject, String body) throws Exception {
        request(natsClient, subject, body);
        request(wirehubClient, subject, body);
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(IGNORED);
            o.forEach(MirrorsAndSourcesDifferentialTest::strip);
        } else if (node != null && node.isArray()) {
            node.forEach(MirrorsAndSourcesDifferentialTest::strip);
        }
    }

    /**
     * 2.10 added filter_subject (and subject_transforms) to the mirror and source info objects;
     * 2.9.10 does not send them. MirrorsAndSourcesTest checks Wirehub's values.
     */
    private static void onlyIn210(JsonNode info) {
        if (info.get("mirror") instanceof ObjectNode mirror) {
            mirror.remove(List.of("filter_subject", "subject_transforms"));
        }
        if (info.has("sources")) {
            info.get("sources").forEach(s -> ((ObjectNode) s).remove(List.of("filter_subject", "subject_transforms")));
        }
    }

    private static long messages(Connection nc, String stream) {
        try {
            return request(nc, "$JS.API.STREAM.INFO." + stream, "").get("state").get("messages").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sameInfo(String stream, long count) throws Exception {
        sameInfo(stream, count, 0);
    }

    /**
     * Waits until both servers' stream holds {@code count} messages, then compares their
     * STREAM.INFO. {@code longerHeader}: how many bytes longer 2.10's Nats-Stream-Source value is
     * than 2.9.10's ({@code "O 7 o.b >"} against {@code "O 7"}), so each sourced message counts
     * that much more in {@code state.bytes}.
     */
    private static void sameInfo(String stream, long count, int longerHeader) throws Exception {
        Await.until(Duration.ofSeconds(20), () -> messages(natsClient, stream) == count
                && messages(wirehubClient, stream) == count, stream + " holds " + count + " on both servers");
        JsonNode theirs = request(natsClient, "$JS.API.STREAM.INFO." + stream, "");
        JsonNode ours = request(wirehubClient, "$JS.API.STREAM.INFO." + stream, "");
        assertThat(ours.has(ours.has("mirror") ? "mirror" : "sources")).isTrue();
        strip(theirs);
        strip(ours);
        onlyIn210(ours);
        ObjectNode state = (ObjectNode) ours.get("state");
        state.put("bytes", state.get("bytes").asLong() - count * longerHeader);
        assertThat(JSON.writeValueAsString(ours)).as(stream).isEqualTo(JSON.writeValueAsString(theirs));
    }

    @Test
    void mirrorsAndFilteredSourcesMatchNatsServer() throws Exception {
        both("$JS.API.STREAM.CREATE.O", "{\"name\":\"O\",\"subjects\":[\"o.>\"],\"storage\":\"memory\"}");
        String[] subjects = {"o.a", "o.b", "o.a", "o.b", "o.a"};
        for (int i = 0; i < subjects.length; i++) {
            both(subjects[i], "m" + (i + 1));
        }
        both("$JS.API.STREAM.MSG.DELETE.O", "{\"seq\":3}");
        both("$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"mirror\":{\"name\":\"O\"}}");
        both("$JS.API.STREAM.CREATE.F", "{\"name\":\"F\",\"storage\":\"memory\","
                + "\"mirror\":{\"name\":\"O\",\"filter_subject\":\"o.a\"}}");
        both("$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"s\"],"
                + "\"sources\":[{\"name\":\"O\",\"filter_subject\":\"o.b\"}]}");
        both("$JS.API.STREAM.CREATE.P", "{\"name\":\"P\",\"mirror\":{\"name\":\"O\",\"opt_start_seq\":4}}");
        both("$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"],\"storage\":\"memory\","
                + "\"sources\":[{\"name\":\"O\",\"opt_start_seq\":4}]}");
        sameInfo("M", 4);
        sameInfo("F", 2);
        sameInfo("S", 2, " o.b >".length());
        sameInfo("P", 2);
        sameInfo("T", 2, " > >".length());

        // Messages stored after the mirrors caught up reach them too.
        both("o.a", "m6");
        both("o.b", "m7");
        sameInfo("M", 6);
        sameInfo("F", 3);
        sameInfo("S", 3, " o.b >".length());
        sameInfo("P", 4);
        sameInfo("T", 4, " > >".length());
    }
}
