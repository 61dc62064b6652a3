package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawClient;
import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JetStream's API as unmodified clients and a domain see it: jnats' JetStreamManagement reads the
 * account info and gets nats-server's API errors; with {@code domain: hub} the API also answers
 * on {@code $JS.hub.API.>} and says its domain, side by side with nats-server.
 */
class JetStreamDomainAndClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Wirehub start(String config) throws Exception {
        Path file = Files.createTempFile("wirehub-js-", ".conf");
        Files.writeString(file, config);
        return Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
    }

    @Test
    void jnatsReadsAccountStatisticsAndApiErrors() throws Exception {
        Path dir = Files.createTempDirectory("js-jnats-");
        try (Wirehub server = start("jetstream { store_dir: \"" + dir + "\", max_mem: 1MB }\n");
             Connection nc = Nats.connect(server.clientUrl())) {
            assertThat(nc.getServerInfo().isJetStreamAvailable()).isTrue();
            JetStreamManagement jsm = nc.jetStreamManagement();
            AccountStatistics stats = jsm.getAccountStatistics();
            assertThat(stats.getLimits().getMaxMemory()).isEqualTo(-1);
            assertThat(stats.getStreams()).isZero();
            JetStreamApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    JetStreamApiException.class, () -> jsm.addStream(StreamConfiguration.builder().name("S")
                            .subjects("a.*", "a.b").build()));
            assertThat(refused.getApiErrorCode()).isEqualTo(10052);
            assertThat(refused.getErrorDescription()).isEqualTo("subject \"a.*\" overlaps with \"a.b\"");
        }
    }

    @Test
    void domainAnswersOnItsOwnPrefixAsNatsServerDoes() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        String natsConfig = "jetstream { domain: hub, store_dir: \"" + Files.createTempDirectory("js-dom-n-") + "\" }\n";
        String ourConfig = "jetstream { domain: hub, store_dir: \"" + Files.createTempDirectory("js-dom-w-") + "\" }\n";
        try (NatsServerProcess nats = NatsServerProcess.start(natsConfig, false, List.of());
             Wirehub server = start(ourConfig);
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            assertThat(infoDomain(server.port())).isEqualTo(infoDomain(nats.port())).isEqualTo("hub");
            for (String subject : List.of("$JS.hub.API.INFO", "$JS.API.INFO")) {
                JsonNode natsReply = JSON.readTree(reply(theirs, subject).getData());
                JsonNode ourReply = JSON.readTree(reply(ours, subject).getData());
                assertThat(ourReply.get("domain")).as(subject).isEqualTo(natsReply.get("domain"));
                assertThat(ourReply.get("domain").asText()).isEqualTo("hub");
            }
        }
    }

    @Test
    void withADomainPubAcksNameItAndDirectGetsAnswerOnItsPrefix() throws Exception {
        String config = "jetstream { domain: hub, store_dir: \"" + Files.createTempDirectory("js-dom-s-") + "\" }\n";
        try (Wirehub server = start(config); Connection nc = Nats.connect(server.clientUrl())) {
            JsonNode created = JSON.readTree(reply(nc, "$JS.hub.API.STREAM.CREATE.S",
                    "{\"name\":\"S\",\"subjects\":[\"s.*\"],\"allow_direct\":true}").getData());
            assertThat(created.has("error")).as(created.toString()).isFalse();
            Message ack = nc.request("s.a", "v".getBytes(java.nio.charset.StandardCharsets.UTF_8), WAIT);
            assertThat(new String(ack.getData(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"stream\":\"S\", \"domain\":\"hub\", \"seq\":1}");
            for (String prefix : List.of("$JS.API.", "$JS.hub.API.")) {
                Message got = nc.request(prefix + "DIRECT.GET.S.s.a", new byte[0], WAIT);
                assertThat(got).as(prefix).isNotNull();
                assertThat(got.getHeaders().getFirst("Nats-Sequence")).isEqualTo("1");
                assertThat(new String(got.getData(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("v");
            }
            JsonNode info = JSON.readTree(reply(nc, "$JS.API.STREAM.INFO.S", "").getData());
            assertThat(info.get("domain").asText()).isEqualTo("hub");
        }
    }

    private static String infoDomain(int port) throws Exception {
        try (RawClient raw = RawClient.connect("127.0.0.1", port)) {
            return JSON.readTree(raw.expectLineStartingWith("INFO ").substring(5)).path("domain").asText(null);
        }
    }

    @Test
    void aStoreDirThatIsAFileStopsTheStartWithNatsServersWords() throws Exception {
        Path blocker = Files.createTempDirectory("js-blocked-");
        Files.writeString(blocker.resolve("jetstream"), "a file where the directory should be");
        java.io.IOException e = org.assertj.core.api.Assertions.catchThrowableOfType(java.io.IOException.class,
                () -> start("jetstream { store_dir: \"" + blocker + "\" }\n").close());
        assertThat(e).hasMessage("Can't start JetStream: storage directory is not a directory");
    }

    private static Message reply(Connection nc, String subject) throws Exception {
        return reply(nc, subject, "");
    }

    private static Message reply(Connection nc, String subject, String body) throws Exception {
        Message m = nc.request(subject, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), WAIT);
        assertThat(m).as("a reply on " + subject).isNotNull();
        return m;
    }
}
