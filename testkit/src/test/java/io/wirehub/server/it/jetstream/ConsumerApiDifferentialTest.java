package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
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
import org.junit.jupiter.api.Test;

/**
 * CONSUMER.* requests side by side: nats-server 2.9.10 {@code -js} and Wirehub get the same
 * requests, and must answer with the same JSON, times left out. What 2.10 changed is left out of
 * the comparison and checked on its own in {@code ConsumerApiTest}.
 */
class ConsumerApiDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The answer without the fields that hold times. */
    static String answer(Connection nc, String subject, String body) throws Exception {
        Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as(subject + " " + body).isNotNull();
        return new String(reply.getData(), StandardCharsets.UTF_8)
                .replaceAll("\"(created|ts|last_active|first_ts|last_ts)\":\"[^\"]*\",?", "")
                // The leader is the server's own name, which differs.
                .replaceAll(",\"cluster\":\\{\"leader\":\"[^\"]*\"}", "")
                .replaceAll(",}", "}")
                // Go escapes <, > and & in JSON strings; both read back the same.
                .replace("\\u003e", ">").replace("\\u003c", "<").replace("\\u0026", "&")
                // Fields 2.10 added, which 2.9.10 does not send.
                .replaceAll(",\"(compression|consumer_limits)\":(\"none\"|\\{})", "")
                .replaceAll("\"reserved_(memory|storage)\":0,", "");
    }

    @Test
    void consumerRequestsAnswerAsNatsServerDoes() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("cons-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("cons-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            String[][] steps = {
                {"$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"s.>\"],\"storage\":\"memory\"}"},
                {"s.a", "one"}, {"s.b", "two"}, {"s.a", "three"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D1",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"D1\",\"ack_policy\":\"explicit\"}}"},
                {"$JS.API.CONSUMER.INFO.S.D1", ""},
                {"$JS.API.CONSUMER.CREATE.S.P2",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"P2\",\"ack_policy\":\"explicit\","
                        + "\"deliver_policy\":\"last\",\"filter_subject\":\"s.a\",\"max_ack_pending\":5}}"},
                {"$JS.API.CONSUMER.CREATE.S.E1",
                    "{\"stream_name\":\"S\",\"config\":{\"name\":\"E1\",\"deliver_policy\":\"new\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.PU",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"PU\",\"deliver_subject\":\"push.pu\","
                        + "\"ack_policy\":\"all\",\"deliver_policy\":\"by_start_sequence\",\"opt_start_seq\":2,"
                        + "\"idle_heartbeat\":5000000000,\"flow_control\":true}}"},
                {"$JS.API.CONSUMER.CREATE.S.F1.s.b",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"F1\",\"filter_subject\":\"s.b\","
                        + "\"deliver_policy\":\"last_per_subject\"}}"},
                {"$JS.API.CONSUMER.NAMES.S", ""},
                {"$JS.API.CONSUMER.LIST.S", "{\"offset\":3}"},
                {"$JS.API.CONSUMER.NAMES.S", "{\"offset\":99}"},
                // Errors.
                {"$JS.API.CONSUMER.INFO.S.NOPE", ""},
                {"$JS.API.CONSUMER.INFO.NOPE.D1", ""},
                {"$JS.API.CONSUMER.INFO.S.D1", "{\"x\":1}"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D2", "{\"stream_name\":\"S\",\"config\":{}}"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D2", "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"X\"}}"},
                {"$JS.API.CONSUMER.CREATE.S", "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"X\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"T\",\"config\":{}}"},
                {"$JS.API.CONSUMER.CREATE.NOPE.X", "{\"stream_name\":\"NOPE\",\"config\":{}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "not json"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_policy\":\"bogus\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"opt_start_seq\":4}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_policy\":\"by_start_sequence\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_policy\":\"by_start_time\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_policy\":\"last_per_subject\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"idle_heartbeat\":1000000000}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"flow_control\":true}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"rate_limit_bps\":100}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"max_waiting\":-1}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"d.*\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"s.x\"}}"},
                {"$JS.API.CONSUMER.CREATE.S.X",
                    "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"d\",\"max_waiting\":3}}"},
                {"$JS.API.CONSUMER.CREATE.S.X",
                    "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"d\",\"idle_heartbeat\":1000}}"},
                {"$JS.API.CONSUMER.CREATE.S.X",
                    "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"d\",\"flow_control\":true}}"},
                {"$JS.API.CONSUMER.CREATE.S.X",
                    "{\"stream_name\":\"S\",\"config\":{\"ack_policy\":\"explicit\",\"max_deliver\":1,"
                        + "\"backoff\":[1000000000,2000000000]}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"num_replicas\":3}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"max_batch\":-1}}"},
                {"$JS.API.CONSUMER.CREATE.S.X", "{\"stream_name\":\"S\",\"config\":{\"max_expires\":10}}"},
                {"$JS.API.CONSUMER.CREATE.S.X.s.a", "{\"stream_name\":\"S\",\"config\":{\"filter_subject\":\"s.b\"}}"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D1",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"D1\",\"ack_policy\":\"none\"}}"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D1",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"D1\",\"ack_policy\":\"explicit\","
                        + "\"deliver_policy\":\"new\"}}"},
                {"$JS.API.CONSUMER.DURABLE.CREATE.S.D1",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"D1\",\"ack_policy\":\"explicit\","
                        + "\"description\":\"changed\",\"max_deliver\":7}}"},
                {"$JS.API.CONSUMER.DELETE.S.E1", ""},
                {"$JS.API.CONSUMER.DELETE.S.E1", ""},
                {"$JS.API.CONSUMER.DELETE.S.D1", "{\"a\":1}"},
                {"$JS.API.CONSUMER.NAMES.S", ""},
                {"$JS.API.STREAM.CREATE.W", "{\"name\":\"W\",\"subjects\":[\"w.>\"],\"retention\":\"workqueue\"}"},
                {"$JS.API.CONSUMER.CREATE.W.A", "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"A\"}}"},
                {"$JS.API.CONSUMER.CREATE.W.A",
                    "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"A\",\"ack_policy\":\"all\"}}"},
                {"$JS.API.CONSUMER.CREATE.W.A",
                    "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"A\",\"ack_policy\":\"explicit\","
                        + "\"filter_subject\":\"w.a\"}}"},
                {"$JS.API.CONSUMER.CREATE.W.B",
                    "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"B\",\"ack_policy\":\"explicit\"}}"},
                {"$JS.API.CONSUMER.CREATE.W.B",
                    "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"B\",\"ack_policy\":\"explicit\","
                        + "\"filter_subject\":\"w.*\"}}"},
                {"$JS.API.CONSUMER.CREATE.W.B",
                    "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"B\",\"ack_policy\":\"explicit\","
                        + "\"filter_subject\":\"w.b\",\"deliver_policy\":\"new\"}}"},
                {"$JS.API.CONSUMER.LEADER.STEPDOWN.S.P2", ""},
                {"$JS.API.STREAM.INFO.S", ""},
                {"$JS.API.INFO", ""},
            };
            List<String> mismatches = new ArrayList<>();
            for (String[] step : steps) {
                String expected = answer(theirs, step[0], step[1]);
                String actual = answer(ours, step[0], step[1]);
                if (!actual.equals(expected)) {
                    mismatches.add(step[0] + " " + step[1] + "\n  nats-server: " + expected + "\n  wirehub:     " + actual);
                }
            }
            assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
        }
    }
}
