package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a pull request ({@code CONSUMER.MSG.NEXT}) gets back, side by side with nats-server
 * 2.9.10: the messages (subject, payload, ack subject without its timestamp) and the status
 * messages (code, description, header lines) in order, for no_wait, expires, the consumer's
 * request caps, max_bytes, bad bodies, heartbeats and a push consumer.
 */
class PullStatusDifferentialTest {

    private static final String[] SETUP = {
        "$JS.API.STREAM.CREATE.S|{\"name\":\"S\",\"subjects\":[\"s.>\"],\"storage\":\"memory\"}",
        "s.a|first", "s.b|second",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.NEW|{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"NEW\","
            + "\"ack_policy\":\"explicit\",\"deliver_policy\":\"new\"}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.CAPS|{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"CAPS\","
            + "\"ack_policy\":\"explicit\",\"max_batch\":10,\"max_expires\":2000000000,\"max_bytes\":1024}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.ALL|{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"ALL\","
            + "\"ack_policy\":\"explicit\"}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.SMALL|{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"SMALL\","
            + "\"ack_policy\":\"explicit\"}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.PUSH|{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"PUSH\","
            + "\"ack_policy\":\"explicit\",\"deliver_subject\":\"push.here\"}}",
    };

    /** consumer | request body. */
    private static final String[] REQUESTS = {
        "NEW|{\"batch\":1,\"no_wait\":true}",
        "NEW|{\"batch\":2,\"expires\":300000000}",
        "NEW|",
        "CAPS|{\"batch\":20}",
        "CAPS|{\"batch\":1,\"expires\":5000000000}",
        "CAPS|{\"batch\":1,\"max_bytes\":2048}",
        "ALL|{\"batch\":5,\"no_wait\":true}",
        "SMALL|{\"batch\":5,\"max_bytes\":10,\"expires\":1000000000}",
        "NEW|{\"batch\":\"x\"}",
        "NEW|{\"expires\":1000000000,\"idle_heartbeat\":1000000000}",
        "NEW|{\"batch\":1,\"expires\":1300000000,\"idle_heartbeat\":500000000}",
        "PUSH|{\"batch\":1}",
    };

    private static List<String> run(Connection nc) throws Exception {
        for (String step : SETUP) {
            String[] p = step.split("\\|", 2);
            Message reply = nc.request(p[0], p[1].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(reply).as(step).isNotNull();
        }
        List<String> seen = new ArrayList<>();
        int n = 0;
        for (String request : REQUESTS) {
            String[] p = request.split("\\|", 2);
            String inbox = "_INBOX.pull." + n++;
            Subscription sub = nc.subscribe(inbox);
            nc.publish("$JS.API.CONSUMER.MSG.NEXT.S." + p[0], inbox, p[1].getBytes(StandardCharsets.UTF_8));
            seen.add("request " + request);
            // The last message of a request's answer is a status (or nothing comes: NEW| with no expiry).
            while (true) {
                Message m = sub.nextMessage(Duration.ofMillis(request.startsWith("NEW||") ? 500 : 2500));
                if (m == null) {
                    seen.add("  (nothing more)");
                    break;
                }
                if (m.isStatusMessage()) {
                    TreeMap<String, List<String>> headers = new TreeMap<>();
                    if (m.getHeaders() != null) {
                        m.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), e.getValue()));
                    }
                    seen.add("  status " + m.getStatus().getCode() + " " + m.getStatus().getMessage() + " " + headers);
                    if (m.getStatus().getCode() != 100) {
                        break;
                    }
                } else {
                    String[] ack = m.getReplyTo().split("\\.");
                    ack[7] = "<ts>";
                    seen.add("  msg " + m.getSubject() + " " + new String(m.getData(), StandardCharsets.UTF_8) + " "
                            + String.join(".", ack));
                }
            }
            sub.unsubscribe();
        }
        return seen;
    }

    @Test
    void pullRequestsGetNatsServersMessagesAndStatuses() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("pull-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("pull-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            List<String> expected = run(theirs);
            List<String> actual = run(ours);
            assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
            assertThat(expected).anyMatch(s -> s.contains("status 404 No Messages"))
                    .anyMatch(s -> s.contains("status 408 Request Timeout"))
                    .anyMatch(s -> s.contains("status 100 Idle Heartbeat"));
        }
    }
}
