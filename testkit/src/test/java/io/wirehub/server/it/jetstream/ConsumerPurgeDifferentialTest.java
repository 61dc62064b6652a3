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
 * A consumer's info after deliveries, acks and a stream purge, side by side with nats-server
 * 2.9.10: delivered, ack floor, pending counts and redelivered, times aside. (A filtered purge is
 * left out: 2.9.10 acknowledges everything below the stream's last sequence there, 2.10 does not.)
 */
class ConsumerPurgeDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String info(Connection nc) throws Exception {
        return ConsumerApiDifferentialTest.answer(nc, "$JS.API.CONSUMER.INFO.P.C", "");
    }

    private static List<String> run(Connection nc) throws Exception {
        List<String> seen = new ArrayList<>();
        ConsumerApiDifferentialTest.answer(nc, "$JS.API.STREAM.CREATE.P",
                "{\"name\":\"P\",\"subjects\":[\"p.*\"],\"storage\":\"file\"}");
        for (int i = 1; i <= 6; i++) {
            nc.request("p." + (i % 2), ("m" + i).getBytes(StandardCharsets.UTF_8), WAIT);
        }
        seen.add(ConsumerApiDifferentialTest.answer(nc, "$JS.API.CONSUMER.DURABLE.CREATE.P.C",
                "{\"stream_name\":\"P\",\"config\":{\"durable_name\":\"C\",\"ack_policy\":\"explicit\"}}"));
        Subscription inbox = nc.subscribe("purge.inbox");
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.P.C", "purge.inbox", "4".getBytes(StandardCharsets.UTF_8));
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(inbox.nextMessage(WAIT));
        }
        nc.request(got.get(1).getReplyTo(), new byte[0], WAIT);
        seen.add(info(nc));
        nc.request(got.get(0).getReplyTo(), new byte[0], WAIT);
        seen.add(info(nc));
        seen.add(ConsumerApiDifferentialTest.answer(nc, "$JS.API.STREAM.PURGE.P", ""));
        seen.add(info(nc));
        nc.request("p.0", "after".getBytes(StandardCharsets.UTF_8), WAIT);
        seen.add(info(nc));
        return seen;
    }

    @Test
    void consumerInfoAfterAcksAndPurgesMatchesNatsServer() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("purge-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("purge-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            List<String> expected = run(theirs);
            assertThat(String.join("\n", run(ours))).isEqualTo(String.join("\n", expected));
        }
    }
}
