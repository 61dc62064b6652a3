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
import org.junit.jupiter.api.Test;

/**
 * Consumer advisories side by side with nats-server 2.9.10: created, max deliveries, terminated
 * and deleted, on the same subjects with the same JSON (the event id and timestamp aside).
 */
class ConsumerAdvisoryDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static List<String> run(Connection nc) throws Exception {
        Subscription advisories = nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.>");
        nc.flush(WAIT);
        nc.request("$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"a\"],\"storage\":\"memory\"}"
                .getBytes(StandardCharsets.UTF_8), WAIT);
        nc.request("a", "one".getBytes(StandardCharsets.UTF_8), WAIT);
        nc.request("a", "two".getBytes(StandardCharsets.UTF_8), WAIT);
        nc.request("$JS.API.CONSUMER.DURABLE.CREATE.A.C", ("{\"stream_name\":\"A\",\"config\":{\"durable_name\":\"C\","
                + "\"ack_policy\":\"explicit\",\"ack_wait\":300000000,\"max_deliver\":1}}")
                .getBytes(StandardCharsets.UTF_8), WAIT);
        List<String> seen = new ArrayList<>();
        seen.add(next(advisories));
        // A delivery's MSG line names the stream subject, so a plain request() could not match it.
        Subscription inbox = nc.subscribe("pull.inbox");
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.A.C", "pull.inbox", "1".getBytes(StandardCharsets.UTF_8));
        Message first = inbox.nextMessage(WAIT);
        assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("one");
        // Not acknowledged: once its ack wait ends it is due again, and a waiting request finds it
        // past max_deliver 1 (nats-server decides that when it would send it, so a request must wait).
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.A.C", "pull.inbox",
                "{\"batch\":2,\"expires\":3000000000}".getBytes(StandardCharsets.UTF_8));
        Message second = inbox.nextMessage(WAIT);
        assertThat(new String(second.getData(), StandardCharsets.UTF_8)).isEqualTo("two");
        // Terminated at once, well inside its own ack wait: that advisory comes first.
        nc.publish(second.getReplyTo(), "+TERM".getBytes(StandardCharsets.UTF_8));
        seen.add(next(advisories));
        seen.add(next(advisories));
        nc.request("$JS.API.CONSUMER.DELETE.A.C", new byte[0], WAIT);
        seen.add(next(advisories));
        return seen;
    }

    private static String next(Subscription advisories) throws Exception {
        Message m = advisories.nextMessage(WAIT);
        assertThat(m).as("an advisory").isNotNull();
        return m.getSubject() + " " + new String(m.getData(), StandardCharsets.UTF_8)
                .replaceAll("\"(id|timestamp)\":\"[^\"]*\",", "");
    }

    @Test
    void advisoriesMatchNatsServers() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("adv-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("adv-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            List<String> expected = run(theirs);
            assertThat(run(ours)).containsExactlyElementsOf(expected);
            assertThat(expected.get(1)).startsWith("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.A.C ");
            assertThat(expected.get(2)).startsWith("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.A.C ");
        }
    }

    private static String sampledAck(Connection nc) throws Exception {
        Subscription metrics = nc.subscribe("$JS.EVENT.METRIC.CONSUMER.ACK.>");
        nc.request("$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"subjects\":[\"m\"],\"storage\":\"memory\"}"
                .getBytes(StandardCharsets.UTF_8), WAIT);
        nc.request("m", "one".getBytes(StandardCharsets.UTF_8), WAIT);
        nc.request("$JS.API.CONSUMER.DURABLE.CREATE.M.S", ("{\"stream_name\":\"M\",\"config\":{\"durable_name\":\"S\","
                + "\"ack_policy\":\"explicit\",\"sample_freq\":\"100%\"}}").getBytes(StandardCharsets.UTF_8), WAIT);
        Subscription inbox = nc.subscribe("sample.inbox");
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.M.S", "sample.inbox", "1".getBytes(StandardCharsets.UTF_8));
        Message m = inbox.nextMessage(WAIT);
        nc.request(m.getReplyTo(), "+ACK".getBytes(StandardCharsets.UTF_8), WAIT);
        Message metric = metrics.nextMessage(WAIT);
        assertThat(metric).as("an ack metric").isNotNull();
        return metric.getSubject() + " " + new String(metric.getData(), StandardCharsets.UTF_8)
                .replaceAll("\"(id|timestamp)\":\"[^\"]*\",", "")
                .replaceAll("\"ack_time\":[0-9]+", "\"ack_time\":<n>");
    }

    @Test
    void sampledAcksAreReportedAsNatsServerReportsThem() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("adv-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("adv-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            String expected = sampledAck(theirs);
            assertThat(sampledAck(ours)).isEqualTo(expected);
            assertThat(expected).contains("\"ack_time\":<n>");
        }
    }
}
