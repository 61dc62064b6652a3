package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.jetstream.api.StreamCheckContext;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.api.StreamConfigJson;
import io.wirehub.server.jetstream.api.StreamConfigValidator;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JetStream API side by side: nats-server 2.9.10 started with {@code -js -sd DIR} and Wirehub
 * with JetStream enabled get the same requests; their answers must be the same JSON (values that
 * name the server or differ between 2.9 and 2.10 aside).
 */
class JetStreamApiDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Fields 2.10 added to account info; 2.9.10 does not send them. */
    private static final Set<String> ADDED_IN_2_10 = Set.of("reserved_memory", "reserved_storage");

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
        assertThat(reply).as("a reply on " + subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void accountInfoHasNatsServersFieldsAndValues() throws Exception {
        JsonNode theirs = request(natsClient, "$JS.API.INFO", "");
        JsonNode ours = request(wirehubClient, "$JS.API.INFO", "");
        Set<String> ourFields = fields(ours);
        ourFields.removeAll(ADDED_IN_2_10);
        assertThat(ourFields).isEqualTo(fields(theirs));
        assertThat(fields(ours.get("limits"))).isEqualTo(fields(theirs.get("limits")));
        assertThat(fields(ours.get("api"))).isEqualTo(fields(theirs.get("api")));
        // No accounts configured: the global account, every limit unlimited, nothing stored yet.
        assertThat(ours.get("limits")).isEqualTo(theirs.get("limits"));
        for (String field : List.of("type", "memory", "storage", "streams", "consumers")) {
            assertThat(ours.get(field)).as(field).isEqualTo(theirs.get(field));
        }
        assertThat(ours.get("reserved_memory").asLong()).isZero();
    }

    @Test
    void apiCountsGrowAsNatsServersDo() throws Exception {
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            request(nc, "$JS.API.STREAM.CREATE.bad", "{\"name\":\"bad\",\"max_age\":5}");
        }
        JsonNode theirsBefore = request(natsClient, "$JS.API.INFO", "").get("api");
        JsonNode oursBefore = request(wirehubClient, "$JS.API.INFO", "").get("api");
        request(natsClient, "$JS.API.STREAM.CREATE.bad", "{\"name\":\"bad\",\"max_age\":5}");
        request(wirehubClient, "$JS.API.STREAM.CREATE.bad", "{\"name\":\"bad\",\"max_age\":5}");
        JsonNode theirsAfter = request(natsClient, "$JS.API.INFO", "").get("api");
        JsonNode oursAfter = request(wirehubClient, "$JS.API.INFO", "").get("api");
        // The INFO request itself and the refused create: +2 total, +1 errors on both.
        assertThat(oursAfter.get("total").asLong() - oursBefore.get("total").asLong())
                .isEqualTo(theirsAfter.get("total").asLong() - theirsBefore.get("total").asLong()).isEqualTo(2);
        assertThat(oursAfter.get("errors").asLong() - oursBefore.get("errors").asLong())
                .isEqualTo(theirsAfter.get("errors").asLong() - theirsBefore.get("errors").asLong()).isEqualTo(1);
    }

    @Test
    void infoAdvertisesJetStream() throws Exception {
        for (int port : new int[] {nats.port(), wirehub.port()}) {
            try (RawClient raw = RawClient.connect("127.0.0.1", port)) {
                String info = raw.expectLineStartingWith("INFO ");
                JsonNode json = JSON.readTree(info.substring(5));
                assertThat(json.get("jetstream").asBoolean()).as("port %d", port).isTrue();
            }
        }
    }

    /**
     * Invalid stream configs whose rule and text are the same in 2.9.10 and 2.10. Left out, as
     * 2.10 changed them (StreamConfigValidatorTest checks 2.10's): {@code subjects:[">"]} and
     * {@code $SYS.x} without no_ack (2.9.10 accepts both), and the text for {@code $JS.API.x}
     * (2.9.10: "subjects overlap with jetstream api").
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "S|{\"name\":\"S\",\"max_age\":5}",
        "S|{\"name\":\"S\",\"duplicate_window\":-1}",
        "S|{\"name\":\"S\",\"max_age\":1000000000,\"duplicate_window\":2000000000}",
        "S|{\"name\":\"S\",\"subjects\":[\"a\",\"a\"]}",
        "S|{\"name\":\"S\",\"subjects\":[\"a.*\",\"a.b\"]}",
        "S|{\"name\":\"S\",\"subjects\":[\"a..b\"]}",
        "S|{\"name\":\"S\",\"num_replicas\":3}",
        "S|{\"name\":\"S\",\"num_replicas\":6}",
        "S|{\"name\":\"S\",\"sealed\":true}",
        "S|{\"name\":\"S\",\"deny_purge\":true,\"allow_rollup_hdrs\":true}",
        "S|{\"name\":\"S\",\"discard_new_per_subject\":true,\"max_msgs_per_subject\":1}",
        "S|{\"name\":\"S\",\"mirror\":{\"name\":\"O\"},\"subjects\":[\"a\"]}",
        "S|{\"name\":\"S\",\"mirror\":{\"name\":\"O\"},\"sources\":[{\"name\":\"P\"}]}",
        "S|{\"name\":\"S\",\"mirror_direct\":true}",
        "S|{\"name\":\"S\",\"subjects\":[\"a.>\"],\"republish\":{\"dest\":\"a.x\"}}",
        "S|{\"name\":\"S\",\"storage\":\"disk\"}",
        "S|{\"name\":\"S\",\"max_msgs\":\"5\"}",
        "S|",
        "S|{\"name\":\"T\"}",
        "a\\b|{\"name\":\"a\\\\b\"}",
    })
    void streamCreateRefusesAsNatsServerDoes(String caseText) throws Exception {
        String[] parts = caseText.split("\\|", 2);
        String subject = "$JS.API.STREAM.CREATE." + parts[0];
        JsonNode theirs = request(natsClient, subject, parts[1]);
        if (!theirs.has("error")) {
            // Keep nats-server clean for the other cases before failing: this case is not a refusal there.
            request(natsClient, "$JS.API.STREAM.DELETE." + parts[0], "");
        }
        JsonNode ours = request(wirehubClient, subject, parts[1]);
        assertThat(theirs.has("error")).as("nats-server refuses %s: %s", parts[1], theirs).isTrue();
        assertThat(ours.get("type")).isEqualTo(theirs.get("type"));
        assertThat(ours.get("error")).as(parts[1]).isEqualTo(theirs.get("error"));
    }

    /**
     * The config nats-server echoes for a valid create is what Wirehub's defaults and JSON make of
     * the same request (2.10's compression and consumer_limits aside, which 2.9.10 lacks).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"name\":\"D1\",\"subjects\":[\"d1.>\"]}",
        "{\"name\":\"D2\",\"max_age\":1000000000,\"storage\":\"memory\",\"discard\":\"new\","
                + "\"max_msgs_per_subject\":5,\"discard_new_per_subject\":true,\"allow_direct\":true}",
        "{\"name\":\"D3\",\"subjects\":[\"d3.a\",\"d3.b\"],\"description\":\"x\",\"no_ack\":true,"
                + "\"duplicate_window\":5000000000,\"max_msg_size\":1024,\"retention\":\"workqueue\","
                + "\"republish\":{\"dest\":\"rp.>\",\"headers_only\":true},\"deny_delete\":true,"
                + "\"placement\":{\"tags\":[\"t\"]}}",
        "{\"name\":\"D4\",\"sources\":[{\"name\":\"D1\",\"filter_subject\":\"d1.x\"}],\"max_bytes\":1000}",
    })
    void validConfigsAreDefaultedAndWrittenAsNatsServerDoes(String body) throws Exception {
        String name = JSON.readTree(body).get("name").asText();
        JsonNode theirs = request(natsClient, "$JS.API.STREAM.CREATE." + name, body);
        request(natsClient, "$JS.API.STREAM.DELETE." + name, "");
        assertThat(theirs.has("config")).as("nats-server created %s: %s", name, theirs).isTrue();
        StreamConfig ours = StreamConfigValidator.checkCreate(name,
                StreamConfigJson.parse(body.getBytes(StandardCharsets.UTF_8)), StreamCheckContext.NO_LIMITS);
        ObjectNode written = StreamConfigJson.write(ours);
        written.remove(List.of("compression", "consumer_limits"));
        assertThat(StreamConfigJson.text(written)).isEqualTo(StreamConfigJson.text(theirs.get("config")));
    }

    @Test
    void unknownApiSubjectsGetNoReplyFromEither() throws Exception {
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            CompletableFuture<Message> reply = nc.request("$JS.API.NO.SUCH.THING", new byte[0]);
            // Neither a reply nor a no-responders status: the API's subscription takes it silently.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reply.get(500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void varzJetStreamSectionHasNatsServersFields() {
        JsonNode theirs = HttpGet.get(nats.monitoringUrl() + "/varz").json().get("jetstream");
        JsonNode ours = HttpGet.get(wirehub.monitoringUrl() + "/varz").json().get("jetstream");
        assertThat(fields(ours)).containsAll(Set.of("config", "stats"));
        Set<String> theirConfig = fields(theirs.get("config"));
        assertThat(fields(ours.get("config"))).containsAll(theirConfig);
        assertThat(fields(ours.get("stats"))).isEqualTo(fields(theirs.get("stats")));
        assertThat(fields(ours.get("stats").get("api"))).isEqualTo(fields(theirs.get("stats").get("api")));
        assertThat(ours.get("config").get("store_dir").asText()).isEqualTo(pair.wirehubDir().resolve("jetstream").toString());
        assertThat(theirs.get("config").get("store_dir").asText()).isEqualTo(pair.natsDir().resolve("jetstream").toString());
        assertThat(ours.get("config").get("sync_interval")).isEqualTo(theirs.get("config").get("sync_interval"));
        assertThat(ours.get("stats").get("accounts")).isEqualTo(theirs.get("stats").get("accounts"));
    }

    @Test
    void accountWithoutJetStreamAnswersNotEnabled() throws Exception {
        String config = """
                accounts {
                  A: { users: [{user: a, password: a}], jetstream: enabled }
                  B: { users: [{user: b, password: b}] }
                }
                """;
        Path natsData = Files.createTempDirectory("js-nats-acc-");
        Path file = Files.createTempFile("wirehub-js-", ".conf");
        Files.writeString(file, config + "jetstream { store_dir: \"" + Files.createTempDirectory("js-wh-acc-") + "\" }\n");
        try (NatsServerProcess natsAccounts = NatsServerProcess.start(config, false,
                List.of("-js", "-sd", natsData.toString()));
             Wirehub wirehubAccounts = Wirehub.start(io.wirehub.server.config.ConfigFileLoader.load(file).builder()
                     .host("127.0.0.1").port(0).build());
             Connection natsB = Nats.connect("nats://b:b@127.0.0.1:" + natsAccounts.port());
             Connection ourB = Nats.connect("nats://b:b@127.0.0.1:" + wirehubAccounts.port());
             Connection natsA = Nats.connect("nats://a:a@127.0.0.1:" + natsAccounts.port());
             Connection ourA = Nats.connect("nats://a:a@127.0.0.1:" + wirehubAccounts.port())) {
            for (String subject : List.of("$JS.API.INFO", "$JS.API.STREAM.CREATE.S", "$JS.API.STREAM.NAMES")) {
                JsonNode theirs = request(natsB, subject, "{\"name\":\"S\"}");
                JsonNode ours = request(ourB, subject, "{\"name\":\"S\"}");
                assertThat(ours).as(subject).isEqualTo(theirs);
                assertThat(ours.get("error").get("err_code").asInt()).isEqualTo(10039);
            }
            ObjectNode theirsA = (ObjectNode) request(natsA, "$JS.API.INFO", "");
            ObjectNode oursA = (ObjectNode) request(ourA, "$JS.API.INFO", "");
            oursA.remove(ADDED_IN_2_10);
            assertThat(oursA).isEqualTo(theirsA);
        }
    }
}
