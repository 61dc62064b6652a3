package io.wirehub.server.it.jetstream;

import static io.wirehub.server.it.jetstream.PullConsumerTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push consumers through jnats, unchanged: a durable push subscription with acks, a deliver group
 * spread over a queue group, the ordered consumer (flow control and heartbeats), headers_only,
 * idle heartbeats as nats-server writes them, and an abandoned ephemeral going away.
 */
class PushConsumerTest {
    private Wirehub server;
    private Connection nc;
    private JetStream js;
    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("push-")))
                .build());
        nc = Nats.connect(server.clientUrl());
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("Q").subjects("q.>").storageType(StorageType.Memory).build());
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.close();
    }

    private void publish(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            js.publish("q." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void durablePushSubscriptionDeliversAndTakesAcks() throws Exception {
        publish(10);
        JetStreamSubscription sub = js.subscribe("q.>", PushSubscribeOptions.builder().durable("pd").build());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(3));
            assertThat(m).isNotNull();
            got.add(text(m));
            m.ack();
        }
        assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        waitFor(() -> jsm.getConsumerInfo("Q", "pd").getAckFloor().getStreamSequence() == 10, "all acked");
        assertThat(jsm.getConsumerInfo("Q", "pd").isPushBound()).isTrue();
        publish(1);
        assertThat(text(sub.nextMessage(Duration.ofSeconds(3)))).isEqualTo("m0");
    }

    @Test
    void deliverGroupSpreadsMessagesOverTheQueueGroup() throws Exception {
        JetStreamSubscription a = js.subscribe("q.>", "workers", PushSubscribeOptions.builder().durable("g").build());
        JetStreamSubscription b = js.subscribe("q.>", "workers", PushSubscribeOptions.builder().durable("g").build());
        publish(200);
        Set<String> seen = new HashSet<>();
        int fromA = 0;
        int fromB = 0;
        Message m;
        while ((m = a.nextMessage(Duration.ofMillis(500))) != null) {
            assertThat(seen.add(text(m))).isTrue();
            m.ack();
            fromA++;
        }
        while ((m = b.nextMessage(Duration.ofMillis(500))) != null) {
            assertThat(seen.add(text(m))).isTrue();
            m.ack();
            fromB++;
        }
        assertThat(seen).hasSize(200);
        assertThat(fromA).isPositive();
        assertThat(fromB).isPositive();
    }

    @Test
    void orderedConsumerReceivesEverythingInOrder() throws Exception {
        byte[] big = new byte[20_000];
        for (int i = 0; i < 300; i++) {
            js.publish("q.big", big);
        }
        JetStreamSubscription sub = js.subscribe("q.>", PushSubscribeOptions.builder().ordered(true).build());
        for (int i = 1; i <= 300; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.metaData().streamSequence()).isEqualTo(i);
        }
    }

    @Test
    void idleHeartbeatsAndHeadersOnlyAsNatsServerWritesThem() throws Exception {
        publish(2);
        Subscription raw = nc.subscribe("hb.here");
        jsm.addOrUpdateConsumer("Q", ConsumerConfiguration.builder().durable("hb").deliverSubject("hb.here")
                .ackPolicy(AckPolicy.None).headersOnly(true).idleHeartbeat(Duration.ofMillis(300)).build());
        Message first = raw.nextMessage(Duration.ofSeconds(3));
        assertThat(first.getSubject()).isEqualTo("q.0");
        assertThat(first.getData()).isEmpty();
        assertThat(first.getHeaders().getFirst("Nats-Msg-Size")).isEqualTo("2");
        assertThat(raw.nextMessage(Duration.ofSeconds(3)).getSubject()).isEqualTo("q.1");
        Message heartbeat = raw.nextMessage(Duration.ofSeconds(3));
        assertThat(heartbeat.isStatusMessage()).isTrue();
        assertThat(heartbeat.getStatus().getCode()).isEqualTo(100);
        assertThat(heartbeat.getStatus().getMessage()).isEqualTo("Idle Heartbeat");
        assertThat(heartbeat.getHeaders().getFirst("Nats-Last-Consumer")).isEqualTo("2");
        assertThat(heartbeat.getHeaders().getFirst("Nats-Last-Stream")).isEqualTo("2");
    }

    @Test
    void abandonedEphemeralIsDeletedAfterItsInactiveThreshold() throws Exception {
        Subscription raw = nc.subscribe("eph.here");
        String name = jsm.addOrUpdateConsumer("Q", ConsumerConfiguration.builder().deliverSubject("eph.here")
                .inactiveThreshold(Duration.ofMillis(500)).build()).getName();
        raw.unsubscribe();
        waitFor(() -> {
            try {
                jsm.getConsumerInfo("Q", name);
                return false;
            } catch (JetStreamApiException e) {
                return e.getApiErrorCode() == 10014;
            }
        }, "ephemeral deleted");
        assertThatThrownBy(() -> jsm.getConsumerInfo("Q", name)).isInstanceOf(JetStreamApiException.class);
    }
}
