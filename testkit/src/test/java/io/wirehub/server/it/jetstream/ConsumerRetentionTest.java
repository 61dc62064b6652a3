package io.wirehub.server.it.jetstream;

import static io.wirehub.server.it.jetstream.PullConsumerTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamState;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workqueue and interest retention remove messages when their consumers are done with them, as nats-server does. */
class ConsumerRetentionTest {
    private Wirehub server;
    private Connection nc;
    private JetStream js;
    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("ret-")))
                .build());
        nc = Nats.connect(server.clientUrl());
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.close();
    }

    private StreamState state(String stream) throws Exception {
        return jsm.getStreamInfo(stream).getStreamState();
    }

    @Test
    void workqueueRemovesEachMessageOnItsAck() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("WQ").subjects("wq.>").retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File).build());
        for (int i = 0; i < 5; i++) {
            js.publish("wq.job", new byte[] {(byte) i});
        }
        jsm.addOrUpdateConsumer("WQ", ConsumerConfiguration.builder().durable("w").ackPolicy(AckPolicy.Explicit).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("WQ", "w"));
        List<Message> got = sub.fetch(3, Duration.ofSeconds(2));
        assertThat(got).hasSize(3);
        assertThat(state("WQ").getMsgCount()).isEqualTo(5);
        got.get(1).ackSync(Duration.ofSeconds(2));
        waitFor(() -> state("WQ").getMsgCount() == 4, "one removed");
        got.get(0).ackSync(Duration.ofSeconds(2));
        got.get(2).ackSync(Duration.ofSeconds(2));
        waitFor(() -> state("WQ").getMsgCount() == 2, "three removed");
        assertThat(state("WQ").getFirstSequence()).isEqualTo(4);
    }

    @Test
    void interestRemovesOnceEveryInterestedConsumerAcked() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("I").subjects("i.>").retentionPolicy(RetentionPolicy.Interest)
                .storageType(StorageType.Memory).build());
        jsm.addOrUpdateConsumer("I", ConsumerConfiguration.builder().durable("a").ackPolicy(AckPolicy.Explicit).build());
        jsm.addOrUpdateConsumer("I", ConsumerConfiguration.builder().durable("b").ackPolicy(AckPolicy.Explicit)
                .filterSubject("i.b").build());
        js.publish("i.a", new byte[1]);
        js.publish("i.b", new byte[1]);
        // A subject no consumer takes is acknowledged but not kept.
        jsm.addOrUpdateConsumer("I", ConsumerConfiguration.builder().durable("a").ackPolicy(AckPolicy.Explicit)
                .filterSubject("i.*").build());
        assertThat(js.publish("i.c.d", new byte[1]).getSeqno()).isEqualTo(3);
        assertThat(state("I").getMsgCount()).isEqualTo(2);

        for (Message m : js.subscribe(null, PullSubscribeOptions.bind("I", "a")).fetch(2, Duration.ofSeconds(2))) {
            m.ackSync(Duration.ofSeconds(2));
        }
        // i.a is wanted by a only; i.b also by b, which has not acked it.
        waitFor(() -> state("I").getMsgCount() == 1, "i.a removed");
        Message forB = js.subscribe(null, PullSubscribeOptions.bind("I", "b")).fetch(1, Duration.ofSeconds(2)).get(0);
        assertThat(forB.getSubject()).isEqualTo("i.b");
        forB.ackSync(Duration.ofSeconds(2));
        waitFor(() -> state("I").getMsgCount() == 0, "i.b removed");

        // A message only a deleted consumer wanted goes with it.
        js.publish("i.b", new byte[1]);
        Message again = js.subscribe(null, PullSubscribeOptions.bind("I", "a")).fetch(1, Duration.ofSeconds(2)).get(0);
        again.ackSync(Duration.ofSeconds(2));
        assertThat(state("I").getMsgCount()).isEqualTo(1);
        jsm.deleteConsumer("I", "b");
        waitFor(() -> state("I").getMsgCount() == 0, "removed with its consumer");
    }
}
