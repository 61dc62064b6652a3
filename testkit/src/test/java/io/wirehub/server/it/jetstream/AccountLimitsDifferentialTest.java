package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An account's JetStream limits side by side: stream count, max_consumers, the max_bytes a stream
 * reserves, and the bytes a publish would take past max_memory / max_store. Wirehub's answers must
 * be nats-server's (times aside).
 */
class AccountLimitsDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ACCOUNTS = """
            accounts {
              A: { users: [{user: a, password: a}],
                   jetstream: { max_memory: 1000, max_store: 100000, max_streams: 3, max_consumers: 5 } }
            }
            """;

    private static String answer(Connection nc, String subject, String body) throws Exception {
        Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as(subject).isNotNull();
        return new String(reply.getData(), StandardCharsets.UTF_8).replaceAll("\"(created|ts|first_ts|last_ts)\":\"[^\"]*\",?", "")
                .replaceAll(",\"(compression|consumer_limits)\":(\"none\"|\\{})", "");
    }

    @Test
    void limitsRefuseAsNatsServerDoes() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        Path ourConfig = Files.createTempFile("wirehub-js-acc-", ".conf");
        Files.writeString(ourConfig, ACCOUNTS + "jetstream { store_dir: \"" + Files.createTempDirectory("js-acc-w-")
                + "\" }\n");
        try (NatsServerProcess nats = NatsServerProcess.start(ACCOUNTS, false,
                List.of("-js", "-sd", Files.createTempDirectory("js-acc-n-").toString()));
             Wirehub server = Wirehub.start(ConfigFileLoader.load(ourConfig).builder().host("127.0.0.1").port(0).build());
             Connection theirs = Nats.connect("nats://a:a@127.0.0.1:" + nats.port());
             Connection ours = Nats.connect("nats://a:a@127.0.0.1:" + server.port())) {
            String[][] steps = {
                {"$JS.API.STREAM.CREATE.BIG", "{\"name\":\"BIG\",\"storage\":\"memory\",\"max_bytes\":2000}"},
                {"$JS.API.STREAM.CREATE.MC", "{\"name\":\"MC\",\"storage\":\"memory\",\"max_consumers\":6}"},
                {"$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"storage\":\"memory\",\"max_bytes\":900}"},
                {"$JS.API.STREAM.CREATE.M2", "{\"name\":\"M2\",\"storage\":\"memory\",\"max_bytes\":101}"},
                {"$JS.API.STREAM.CREATE.F", "{\"name\":\"F\",\"subjects\":[\"f\"],\"storage\":\"memory\"}"},
                {"$JS.API.STREAM.CREATE.G", "{\"name\":\"G\",\"storage\":\"file\"}"},
                {"$JS.API.STREAM.CREATE.H", "{\"name\":\"H\",\"storage\":\"file\"}"},
            };
            // Left out: creating F again at the stream limit. 2.10 does not count a stream against
            // itself and returns it; 2.9.10 answers 10027 (StreamLifecycleTest checks 2.10's way).
            List<String> ourAnswers = new ArrayList<>();
            for (String[] step : steps) {
                String expected = answer(theirs, step[0], step[1]);
                String actual = answer(ours, step[0], step[1]);
                assertThat(actual).as(step[1]).isEqualTo(expected);
                ourAnswers.add(actual);
            }
            assertThat(ourAnswers.get(0)).contains("\"err_code\":10028");
            assertThat(ourAnswers.get(1)).contains("\"err_code\":10026");
            assertThat(ourAnswers.get(3)).contains("\"err_code\":10028");
            assertThat(ourAnswers.get(6)).contains("\"err_code\":10027");
            // Stream F (memory, unlimited) shares the account's 1000 bytes: 100-byte payloads run out.
            String payload = "x".repeat(100);
            List<String> acks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String expected = new String(theirs.request("f", payload.getBytes(StandardCharsets.UTF_8), WAIT)
                        .getData(), StandardCharsets.UTF_8);
                String actual = new String(ours.request("f", payload.getBytes(StandardCharsets.UTF_8), WAIT)
                        .getData(), StandardCharsets.UTF_8);
                assertThat(actual).as("publish %d", i).isEqualTo(expected);
                acks.add(actual);
            }
            assertThat(acks.get(9)).isEqualTo("{\"error\":{\"code\":400,\"err_code\":10002,"
                    + "\"description\":\"resource limits exceeded for account\"},\"stream\":\"F\",\"seq\":0}");
        }
    }
}
