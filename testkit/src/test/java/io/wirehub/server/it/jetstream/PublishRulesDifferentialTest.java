package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publish rules side by side: the same stream on nats-server 2.9.10 and on Wirehub gets the
 * same publishes (with Nats-Msg-Id, Nats-Expected-*, Nats-Rollup headers, over the size and
 * discard-new limits), and every PubAck must be the same bytes.
 */
class PublishRulesDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
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

    /** One publish: subject, headers as name/value pairs, payload. */
    private record Pub(String subject, String payload, String... headers) {
        Message message() {
            Headers h = new Headers();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
            return NatsMessage.builder().subject(subject).headers(headers.length == 0 ? null : h)
                    .data(payload.getBytes(StandardCharsets.UTF_8)).build();
        }
    }

    private static String answer(Connection nc, String subject, String body) throws Exception {
        Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as(subject).isNotNull();
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    /** Creates the stream on both, publishes to both, and returns the PubAcks (which must be equal). */
    private static List<String> both(String config, Pub... pubs) throws Exception {
        String name = config.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        List<String> acks = new ArrayList<>();
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            String created = answer(nc, "$JS.API.STREAM.CREATE." + name, config);
            assertThat(created).as("create on port %s", nc.getServerInfo().getPort()).doesNotContain("\"error\"");
        }
        for (Pub pub : pubs) {
            String theirs = new String(natsClient.request(pub.message(), WAIT).getData(), StandardCharsets.UTF_8);
            String ours = new String(wirehubClient.request(pub.message(), WAIT).getData(), StandardCharsets.UTF_8);
            assertThat(ours).as("%s %s", pub.subject(), List.of(pub.headers())).isEqualTo(theirs);
            acks.add(ours);
        }
        return acks;
    }

    @Test
    void plainAndDuplicatePublishes() throws Exception {
        List<String> acks = both("{\"name\":\"P1\",\"subjects\":[\"p1.>\"]}",
                new Pub("p1.a", "x"),
                new Pub("p1.a", "y", "Nats-Msg-Id", "id1"),
                new Pub("p1.b", "z", "Nats-Msg-Id", "id1"),
                new Pub("p1.c", "w", "Nats-Msg-Id", "id2"));
        assertThat(acks).containsExactly("{\"stream\":\"P1\", \"seq\":1}", "{\"stream\":\"P1\", \"seq\":2}",
                "{\"stream\":\"P1\", \"seq\":2,\"duplicate\": true}", "{\"stream\":\"P1\", \"seq\":3}");
    }

    @Test
    void expectedHeaders() throws Exception {
        List<String> acks = both("{\"name\":\"P2\",\"subjects\":[\"p2.>\"]}",
                new Pub("p2.a", "1", "Nats-Msg-Id", "m1"),
                new Pub("p2.a", "2", "Nats-Expected-Stream", "OTHER"),
                new Pub("p2.a", "3", "Nats-Expected-Stream", "P2"),
                new Pub("p2.a", "4", "Nats-Expected-Last-Sequence", "1"),
                new Pub("p2.a", "5", "Nats-Expected-Last-Sequence", "2"),
                new Pub("p2.b", "6", "Nats-Expected-Last-Subject-Sequence", "0"),
                new Pub("p2.b", "7", "Nats-Expected-Last-Subject-Sequence", "0"),
                new Pub("p2.a", "8", "Nats-Expected-Last-Subject-Sequence", "3"),
                new Pub("p2.a", "9", "Nats-Expected-Last-Msg-Id", "m1"),
                new Pub("p2.a", "10", "Nats-Msg-Id", "m2"),
                new Pub("p2.a", "11", "Nats-Expected-Last-Msg-Id", "m2"),
                new Pub("p2.a", "12", "Nats-Expected-Last-Sequence", "x"));
        assertThat(acks.get(1)).isEqualTo("{\"error\":{\"code\":400,\"err_code\":10060,"
                + "\"description\":\"expected stream does not match\"},\"stream\":\"P2\",\"seq\":0}");
        assertThat(acks.get(3)).contains("\"err_code\":10071").contains("wrong last sequence: 2");
        assertThat(acks.get(8)).contains("\"err_code\":10070");
    }

    @Test
    void sizeAndDiscardNewLimits() throws Exception {
        both("{\"name\":\"P3\",\"subjects\":[\"p3.>\"],\"max_msg_size\":10}",
                new Pub("p3.a", "short"), new Pub("p3.a", "longer than ten"), new Pub("p3.a", "", "H", "123456"));
        List<String> acks = both("{\"name\":\"P4\",\"subjects\":[\"p4.>\"],\"discard\":\"new\",\"max_msgs\":2}",
                new Pub("p4.a", "1"), new Pub("p4.b", "2"), new Pub("p4.c", "3"));
        assertThat(acks.get(2)).isEqualTo("{\"error\":{\"code\":503,\"err_code\":10077,"
                + "\"description\":\"maximum messages exceeded\"},\"stream\":\"P4\",\"seq\":0}");
        both("{\"name\":\"P5\",\"subjects\":[\"p5.>\"],\"discard\":\"new\",\"max_msgs_per_subject\":1,"
                + "\"discard_new_per_subject\":true}",
                new Pub("p5.a", "1"), new Pub("p5.a", "2"), new Pub("p5.b", "3"));
        // 94 bytes each as 2.10 counts them (2.9.10 counts only the 60-byte payload; both refuse the third).
        String sixty = "x".repeat(60);
        List<String> bytes = both("{\"name\":\"P6\",\"subjects\":[\"p6.>\"],\"discard\":\"new\",\"max_bytes\":200}",
                new Pub("p6.a", sixty), new Pub("p6.a", sixty), new Pub("p6.a", sixty));
        assertThat(bytes.get(2)).contains("maximum bytes exceeded");
    }

    @Test
    void rollups() throws Exception {
        both("{\"name\":\"P7\",\"subjects\":[\"p7.>\"]}", new Pub("p7.a", "1", "Nats-Rollup", "sub"));
        both("{\"name\":\"P8\",\"subjects\":[\"p8.>\"],\"allow_rollup_hdrs\":true}",
                new Pub("p8.a", "1"), new Pub("p8.a", "2"), new Pub("p8.b", "3"),
                new Pub("p8.a", "4", "Nats-Rollup", "sub"), new Pub("p8.c", "5"),
                new Pub("p8.c", "6", "Nats-Rollup", "ALL"));
        for (Connection nc : new Connection[] {natsClient, wirehubClient}) {
            String info = answer(nc, "$JS.API.STREAM.INFO.P8", "");
            assertThat(info).as("only the roll-up message is left").contains("\"messages\":1,");
            CompletableFuture<Message> none = nc.request(new Pub("p8.a", "7", "Nats-Rollup", "bogus").message());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> none.get(300, TimeUnit.MILLISECONDS))
                    .as("an unknown roll-up value gets no reply").isInstanceOf(TimeoutException.class);
        }
    }
}
