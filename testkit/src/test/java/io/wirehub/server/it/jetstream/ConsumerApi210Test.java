package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What 2.10 added to CONSUMER.CREATE, which nats-server 2.9.10 cannot be compared with: the
 * create / update action and filter_subjects, with nats-server 2.10's error codes and texts.
 */
class ConsumerApi210Test {
    private Wirehub server;
    private Connection nc;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("c210-")))
                .build());
        nc = Nats.connect(server.clientUrl());
        ConsumerApiDifferentialTest.answer(nc, "$JS.API.STREAM.CREATE.S",
                "{\"name\":\"S\",\"subjects\":[\"s.>\"],\"storage\":\"memory\"}");
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.close();
    }

    private String create(String subject, String config, String action) throws Exception {
        String body = "{\"stream_name\":\"S\",\"config\":" + config + (action == null ? "" : ",\"action\":\"" + action + "\"")
                + "}";
        return ConsumerApiDifferentialTest.answer(nc, "$JS.API.CONSUMER.CREATE.S." + subject, body);
    }

    private static String error(int code, int errCode, String description) {
        return "{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\",\"error\":{\"code\":" + code
                + ",\"err_code\":" + errCode + ",\"description\":\"" + description + "\"}}";
    }

    @Test
    void actionsCreateAndUpdate() throws Exception {
        assertThat(create("U", "{\"durable_name\":\"U\"}", "update"))
                .isEqualTo(error(400, 10149, "consumer does not exist"));
        assertThat(create("U", "{\"durable_name\":\"U\"}", "create")).contains("\"name\":\"U\"");
        // The same config again is fine; another is refused with create, taken with update.
        assertThat(create("U", "{\"durable_name\":\"U\"}", "create")).contains("\"name\":\"U\"");
        assertThat(create("U", "{\"durable_name\":\"U\",\"description\":\"x\"}", "create"))
                .isEqualTo(error(400, 10148, "consumer already exists"));
        assertThat(create("U", "{\"durable_name\":\"U\",\"description\":\"x\"}", "update"))
                .contains("\"description\":\"x\"");
        assertThat(create("U", "{\"durable_name\":\"U\",\"deliver_policy\":\"new\"}", null))
                .isEqualTo(error(500, 10012, "deliver policy can not be updated"));
        assertThat(create("U", "{\"durable_name\":\"U\",\"deliver_subject\":\"d\"}", null))
                .isEqualTo(error(500, 10012, "can not update pull consumer to push based"));
        assertThat(ConsumerApiDifferentialTest.answer(nc, "$JS.API.CONSUMER.CREATE.S.U",
                "{\"stream_name\":\"S\",\"config\":{},\"action\":\"bogus\"}"))
                .isEqualTo(error(400, 10025, "invalid JSON"));
    }

    @Test
    void filterSubjects() throws Exception {
        assertThat(create("F", "{\"filter_subjects\":[\"s.a\",\"s.b\"]}", null))
                .contains("\"filter_subjects\":[\"s.a\",\"s.b\"]").contains("\"inactive_threshold\":5000000000");
        assertThat(create("G", "{\"filter_subject\":\"s.a\",\"filter_subjects\":[\"s.b\"]}", null))
                .isEqualTo(error(400, 10136, "consumer cannot have both FilterSubject and FilterSubjects specified"));
        assertThat(create("G", "{\"filter_subjects\":[\"s.a\",\"\"]}", null))
                .isEqualTo(error(400, 10139, "consumer filter in FilterSubjects cannot be empty"));
        assertThat(create("G", "{\"filter_subjects\":[\"s.*\",\"s.a\"]}", null))
                .isEqualTo(error(400, 10138, "consumer subject filters cannot overlap"));
        assertThat(create("G.s.a", "{\"filter_subjects\":[\"s.a\"]}", null))
                .isEqualTo(error(400, 10137, "consumer with multiple subject filters cannot use subject based API"));
        assertThat(create("G", "{\"durable_name\":\"H\"}", null))
                .isEqualTo(error(400, 10017, "consumer name in subject does not match durable name in request"));
        assertThat(create("G", "{\"deliver_policy\":\"by_start_time\",\"opt_start_time\":\"2026-01-01T00:00:00Z\","
                + "\"opt_start_seq\":3}", null)).isEqualTo(error(400, 10094,
                "consumer delivery policy is deliver by start time, but optional start start sequence is also set"));
    }
}
