package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scenario of stream requests side by side: nats-server 2.9.10 and Wirehub get the same creates,
 * publishes, infos, gets, deletes, purges, updates and direct gets, and every answer must be the
 * same JSON once the times (and what only 2.10 sends) are taken out.
 */
class StreamApiScenarioDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Times, and the fields 2.10 added that 2.9.10 does not send. */
    private static final Set<String> IGNORED = Set.of("ts", "created", "first_ts", "last_ts", "time", "cluster",
            "compression", "consumer_limits");

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

    private static JsonNode normalized(byte[] data) throws Exception {
        JsonNode node = JSON.readTree(data);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(IGNORED);
            o.forEach(StreamApiScenarioDifferentialTest::strip);
        } else if (node != null && node.isArray()) {
            node.forEach(StreamApiScenarioDifferentialTest::strip);
        }
    }

    /** Sends one API request to both; the answers must match. Returns Wirehub's. */
    private static JsonNode api(String subject, String body) throws Exception {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Message theirs = natsClient.request(subject, payload, WAIT);
        Message ours = wirehubClient.request(subject, payload, WAIT);
        assertThat(theirs).as("nats-server answers " + subject).isNotNull();
        assertThat(ours).as("Wirehub answers " + subject).isNotNull();
        JsonNode expected = normalized(theirs.getData());
        JsonNode actual = normalized(ours.getData());
        // As text, so the order of the fields is compared too (JsonNode equality ignores it).
        assertThat(JSON.writeValueAsString(actual)).as("%s %s", subject, body)
                .isEqualTo(JSON.writeValueAsString(expected));
        return actual;
    }

    private static void publish(String subject, String payload, String... headers) throws Exception {
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            Headers h = new Headers();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
            Message ack = nc.request(NatsMessage.builder().subject(subject).headers(headers.length == 0 ? null : h)
                    .data(payload.getBytes(StandardCharsets.UTF_8)).build(), WAIT);
            assertThat(new String(ack.getData(), StandardCharsets.UTF_8)).doesNotContain("error");
        }
    }

    /** Publishes to both; the PubAcks must be the same bytes. */
    private static String ack(String subject, String payload) throws Exception {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        String theirs = new String(natsClient.request(subject, data, WAIT).getData(), StandardCharsets.UTF_8);
        String ours = new String(wirehubClient.request(subject, data, WAIT).getData(), StandardCharsets.UTF_8);
        assertThat(ours).as(subject).isEqualTo(theirs);
        return ours;
    }

    /** A direct get on both: the status or headers (timestamp aside) and payload must match. */
    private static String directGet(String subject, String body) throws Exception {
        List<String> answers = new ArrayList<>();
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(reply).as(subject).isNotNull();
            TreeMap<String, List<String>> headers = new TreeMap<>();
            if (reply.getHeaders() != null) {
                reply.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), e.getValue()));
                headers.remove("Nats-Time-Stamp");
            }
            String status = reply.getStatus() == null ? "" : reply.getStatus().getCode() + " "
                    + reply.getStatus().getMessage();
            answers.add(status + headers + new String(reply.getData(), StandardCharsets.UTF_8));
        }
        assertThat(answers.get(1)).as("%s %s", subject, body).isEqualTo(answers.get(0));
        return answers.get(1);
    }

    @Test
    void republishedCopiesCarryTheSameHeaders() throws Exception {
        api("$JS.API.STREAM.CREATE.RP", "{\"name\":\"RP\",\"subjects\":[\"rp.*\"],\"storage\":\"memory\","
                + "\"republish\":{\"src\":\"rp.*\",\"dest\":\"out.$1\"}}");
        api("$JS.API.STREAM.CREATE.RH", "{\"name\":\"RH\",\"subjects\":[\"rh.>\"],\"storage\":\"memory\","
                + "\"republish\":{\"dest\":\"outh.>\",\"headers_only\":true}}");
        try {
            republishOnBoth();
        } finally {
            api("$JS.API.STREAM.DELETE.RP", "");
            api("$JS.API.STREAM.DELETE.RH", "");
        }
    }

    private static void republishOnBoth() throws Exception {
        List<List<String>> copies = new ArrayList<>();
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            var sub = nc.subscribe("out.>");
            var headersOnly = nc.subscribe("outh.>");
            nc.flush(WAIT);
            for (String[] p : new String[][] {{"rp.a", "1", ""}, {"rp.b", "2", "x"}, {"rp.a", "3", ""},
                {"rh.q", "hello", ""}}) {
                Headers h = new Headers();
                if (!p[2].isEmpty()) {
                    h.add("X-Mine", p[2]);
                }
                nc.request(NatsMessage.builder().subject(p[0]).headers(h.isEmpty() ? null : h)
                        .data(p[1].getBytes(StandardCharsets.UTF_8)).build(), WAIT);
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Message m = (i < 3 ? sub : headersOnly).nextMessage(WAIT);
                assertThat(m).as("republished copy %d", i).isNotNull();
                TreeMap<String, List<String>> headers = new TreeMap<>();
                m.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), e.getValue()));
                // 2.10 added Nats-Time-Stamp to republished copies; 2.9.10 does not send it.
                boolean stamped = headers.remove("Nats-Time-Stamp") != null;
                assertThat(stamped || nc == natsClient).as("Wirehub stamps its copies").isTrue();
                got.add(m.getSubject() + " " + headers + " " + new String(m.getData(), StandardCharsets.UTF_8));
            }
            copies.add(got);
            sub.unsubscribe();
            headersOnly.unsubscribe();
        }
        assertThat(copies.get(1)).isEqualTo(copies.get(0));
        assertThat(copies.get(1).get(2)).contains("Nats-Last-Sequence=[1]").startsWith("out.a ");
        assertThat(copies.get(1).get(3)).contains("Nats-Msg-Size=[5]").startsWith("outh.rh.q ");
    }

    @Test
    void createsPublishesInfosGetsDeletesPurgesAndUpdatesAnswerAlike() throws Exception {
        api("$JS.API.STREAM.CREATE.SC", "{\"name\":\"SC\",\"subjects\":[\"sc.>\"],\"allow_direct\":true}");
        api("$JS.API.STREAM.INFO.SC", "");
        for (int i = 1; i <= 5; i++) {
            publish("sc.a", "a" + i);
        }
        publish("sc.b", "b1", "Nats-Msg-Id", "b-1");
        publish("sc.b", "b2", "X-Custom", "v");
        publish("sc.c.d", "");
        publish("sc.c.e", "e1");
        JsonNode info = api("$JS.API.STREAM.INFO.SC", "");
        assertThat(info.get("state").get("messages").asInt()).isEqualTo(9);
        api("$JS.API.STREAM.INFO.SC", "{\"subjects_filter\":\">\"}");
        api("$JS.API.STREAM.INFO.SC", "{\"subjects_filter\":\"sc.c.*\"}");
        api("$JS.API.STREAM.INFO.SC", "{\"subjects_filter\":\"nothing\"}");
        api("$JS.API.STREAM.INFO.SC", "{\"subjects_filter\":\">\",\"offset\":2}");
        // Left out: an offset past the subjects. 2.10 echoes it, 2.9.10 clamps it (StreamLifecycleTest: 2.10's way).
        api("$JS.API.STREAM.INFO.SC", "{bad");
        api("$JS.API.STREAM.NAMES", "{bad");
        api("$JS.API.STREAM.LIST", "[1]");
        api("$JS.API.STREAM.PURGE.SC", "{\"keep\":-1}");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"seq\":-1}");
        api("$JS.API.STREAM.CREATE.SX", "{\"name\":\"SX\",\"subjects\":[\"sc.a\"]}");
        api("$JS.API.STREAM.CREATE.SC", "{\"name\":\"SC\",\"subjects\":[\"sc.>\"]}");
        api("$JS.API.STREAM.CREATE.SC", "{\"name\":\"SC\",\"subjects\":[\"sc.>\"],\"allow_direct\":true}");

        JsonNode got = api("$JS.API.STREAM.MSG.GET.SC", "{\"seq\":3}");
        assertThat(got.get("message").get("data").asText()).isEqualTo("YTM=");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"last_by_subj\":\"sc.b\"}");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"next_by_subj\":\"sc.c.>\",\"seq\":2}");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"seq\":6}");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"seq\":99}");
        api("$JS.API.STREAM.MSG.GET.SC", "{}");
        api("$JS.API.STREAM.MSG.GET.SC", "{\"seq\":1,\"last_by_subj\":\"sc.a\"}");
        api("$JS.API.STREAM.MSG.GET.NONE", "{\"seq\":1}");

        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":7}");
        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":1}");
        directGet("$JS.API.DIRECT.GET.SC.sc.b", "");
        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":99}");
        directGet("$JS.API.DIRECT.GET.SC", "");
        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":1,\"last_by_subj\":\"sc.a\"}");
        directGet("$JS.API.DIRECT.GET.SC", "{not json");
        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":\"1\"}");
        directGet("$JS.API.DIRECT.GET.SC.sc.a", "{\"seq\":1}");
        directGet("$JS.API.DIRECT.GET.SC", "{\"next_by_subj\":\"sc.*\",\"seq\":3}");
        assertThat(directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":2}")).contains("Nats-Sequence=[2]");

        api("$JS.API.STREAM.MSG.DELETE.SC", "{\"seq\":2}");
        JsonNode again = api("$JS.API.STREAM.MSG.DELETE.SC", "{\"seq\":2}");
        assertThat(again.get("error").get("err_code").asInt()).isEqualTo(10043);
        api("$JS.API.STREAM.MSG.DELETE.SC", "{\"seq\":100}");
        api("$JS.API.STREAM.MSG.DELETE.SC", "{\"seq\":4,\"no_erase\":true}");
        api("$JS.API.STREAM.MSG.DELETE.SC", "");
        api("$JS.API.STREAM.INFO.SC", "{\"deleted_details\":true}");
        directGet("$JS.API.DIRECT.GET.SC", "{\"seq\":2}");

        JsonNode kept = api("$JS.API.STREAM.PURGE.SC", "{\"filter\":\"sc.a\",\"keep\":1}");
        assertThat(kept.get("purged").asInt()).isEqualTo(2);
        api("$JS.API.STREAM.PURGE.SC", "{\"seq\":7}");
        api("$JS.API.STREAM.PURGE.SC", "{\"seq\":1,\"keep\":1}");
        api("$JS.API.STREAM.INFO.SC", "{\"deleted_details\":true}");

        api("$JS.API.STREAM.UPDATE.SC", "{\"name\":\"SC\",\"subjects\":[\"sc.>\",\"more\"],\"max_msgs\":2,"
                + "\"allow_direct\":true}");
        api("$JS.API.STREAM.INFO.SC", "");
        api("$JS.API.STREAM.UPDATE.SC", "{\"name\":\"SC\",\"subjects\":[\"sc.>\"],\"storage\":\"memory\"}");
        api("$JS.API.STREAM.UPDATE.NONE", "{\"name\":\"NONE\"}");
        publish("more", "m");
        api("$JS.API.STREAM.INFO.SC", "");

        api("$JS.API.STREAM.CREATE.SD", "{\"name\":\"SD\",\"subjects\":[\"sd\"],\"deny_delete\":true,"
                + "\"deny_purge\":true,\"storage\":\"memory\"}");
        publish("sd", "1");
        api("$JS.API.STREAM.MSG.DELETE.SD", "{\"seq\":1}");
        api("$JS.API.STREAM.PURGE.SD", "");
        api("$JS.API.STREAM.UPDATE.SD", "{\"name\":\"SD\",\"subjects\":[\"sd\"],\"storage\":\"memory\"}");
        api("$JS.API.STREAM.NAMES", "");
        api("$JS.API.STREAM.NAMES", "{\"subject\":\"sd\"}");
        JsonNode stepdown = api("$JS.API.STREAM.LEADER.STEPDOWN.SD", "");
        assertThat(stepdown.get("error").get("err_code").asInt()).isEqualTo(10010);
        api("$JS.API.STREAM.PEER.REMOVE.SD", "{\"peer\":\"x\"}");
        api("$JS.API.STREAM.LIST", "");

        api("$JS.API.STREAM.CREATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se\"],\"max_age\":60000000000}");
        ack("se", "1");
        JsonNode sealed = api("$JS.API.STREAM.UPDATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se\"],\"sealed\":true}");
        assertThat(sealed.get("config").get("deny_purge").asBoolean()).isTrue();
        assertThat(ack("se", "2")).contains("\"err_code\":10109");
        api("$JS.API.STREAM.PURGE.SE", "");
        api("$JS.API.STREAM.MSG.DELETE.SE", "{\"seq\":1}");
        api("$JS.API.STREAM.UPDATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se\"]}");
        api("$JS.API.STREAM.INFO.SE", "");
        api("$JS.API.STREAM.DELETE.SE", "");

        api("$JS.API.STREAM.CREATE.SI", "{\"name\":\"SI\",\"subjects\":[\"si\"],\"retention\":\"interest\"}");
        assertThat(ack("si", "1")).isEqualTo("{\"stream\":\"SI\", \"seq\":1}");
        api("$JS.API.STREAM.INFO.SI", "");
        api("$JS.API.STREAM.DELETE.SI", "");

        JsonNode purged = api("$JS.API.STREAM.PURGE.SC", "");
        assertThat(purged.get("success").asBoolean()).isTrue();
        api("$JS.API.STREAM.INFO.SC", "");
        api("$JS.API.STREAM.DELETE.SC", "{\"x\":1}");
        api("$JS.API.STREAM.DELETE.SC", "");
        api("$JS.API.STREAM.DELETE.SC", "");
        api("$JS.API.STREAM.INFO.SC", "");
        api("$JS.API.STREAM.DELETE.SD", "");
        api("$JS.API.STREAM.LIST", "");
        // Every request above was counted alike (errors sent as ordinary answers are not errors).
        JsonNode theirs = JSON.readTree(natsClient.request("$JS.API.INFO", new byte[0], WAIT).getData()).get("api");
        JsonNode ours = JSON.readTree(wirehubClient.request("$JS.API.INFO", new byte[0], WAIT).getData()).get("api");
        assertThat(ours.get("errors")).isEqualTo(theirs.get("errors"));
    }
}
