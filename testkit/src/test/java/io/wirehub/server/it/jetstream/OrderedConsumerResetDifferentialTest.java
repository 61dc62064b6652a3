package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
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
 * jnats' ordered consumer when its server-side consumer goes away under it (deleted, as after a
 * server restart or an inactive-threshold cleanup): its idle heartbeats stop, the client notices
 * the gap, creates a new consumer starting after the last stream sequence it got, and goes on in
 * order with nothing lost or repeated, messages deleted from the stream meanwhile skipped. Side by
 * side with nats-server 2.9.10.
 */
class OrderedConsumerResetDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the subscriber sees: stream sequence and payload of each message, then the consumers listed. */
    private static List<String> run(Connection nc) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        JetStream js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("ORD").subjects("ord.>").storageType(StorageType.File)
                .build());
        for (int i = 1; i <= 5; i++) {
            js.publish("ord." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        JetStreamSubscription sub = js.subscribe("ord.>", PushSubscribeOptions.builder().ordered(true)
                .configuration(ConsumerConfiguration.builder().idleHeartbeat(Duration.ofMillis(250)).build())
                .build());
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(describe(sub.nextMessage(WAIT)));
        }
        List<String> before = jsm.getConsumerNames("ORD");
        assertThat(before).hasSize(1);
        // The consumer vanishes under the client; meanwhile the stream goes on, with a hole in it.
        assertThat(jsm.deleteConsumer("ORD", before.get(0))).isTrue();
        for (int i = 6; i <= 10; i++) {
            js.publish("ord." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(jsm.deleteMessage("ORD", 7)).isTrue();
        for (int i = 0; i < 4; i++) {
            seen.add(describe(sub.nextMessage(WAIT)));
        }
        List<String> after = jsm.getConsumerNames("ORD");
        // How many replacements are listed depends on timing (the client may reset more than once
        // and a dropped ephemeral lingers until its inactive threshold), so only this is compared.
        seen.add("old consumer gone " + !after.contains(before.get(0)) + ", a new one in place " + !after.isEmpty());
        sub.unsubscribe();
        return seen;
    }

    private static String describe(Message m) {
        if (m == null) {
            return "nothing within " + WAIT;
        }
        return m.metaData().streamSequence() + " " + new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void orderedConsumerRecreatesItselfAfterItsConsumerIsGoneAsWithNatsServer() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        try (NatsServerProcess nats = NatsServerProcess.start(null, true,
                List.of("-js", "-sd", Files.createTempDirectory("ordered-n-").toString()));
             Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .jetstream(JetStreamConfig.OFF.withEnabled(true)
                             .withStoreDir(Files.createTempDirectory("ordered-w-"))).build());
             Connection theirs = Nats.connect(nats.url());
             Connection ours = Nats.connect(server.clientUrl())) {
            List<String> expected = run(theirs);
            assertThat(expected).containsExactly("1 m1", "2 m2", "3 m3", "4 m4", "5 m5", "6 m6", "8 m8", "9 m9",
                    "10 m10", "old consumer gone true, a new one in place true");
            assertThat(run(ours)).isEqualTo(expected);
        }
    }
}
