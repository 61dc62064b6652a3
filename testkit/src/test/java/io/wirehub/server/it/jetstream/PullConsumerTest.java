package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.BaseConsumerContext;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull consumers through jnats, unchanged: the classic pull subscription ({@code fetch},
 * {@code iterate}), the 2.10 simplified API ({@code fetch}, {@code next}, {@code consume}), acks
 * and their effect on consumer info, NAK with a delay, redelivery after ack_wait up to max_deliver.
 */
class PullConsumerTest {
    private Wirehub server;
    private Connection nc;
    private JetStream js;
    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("pull-")))
                .build());
        nc = Nats.connect(server.clientUrl());
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("P").subjects("p.>").storageType(StorageType.File).build());
        for (int i = 0; i < 20; i++) {
            js.publish("p." + (i % 2), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.close();
    }

    /** Polls a condition that may throw (a JetStream request) until it holds, for up to 5 s. */
    static void waitFor(java.util.concurrent.Callable<Boolean> condition, String description) {
        Await.until(Duration.ofSeconds(5), () -> {
            try {
                return condition.call();
            } catch (Exception e) {
                return false;
            }
        }, description);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void fetchAndIterateDeliverInOrderWithAckSubjects() throws Exception {
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("d").ackPolicy(AckPolicy.Explicit).build();
        JetStreamSubscription sub = js.subscribe("p.>", PullSubscribeOptions.builder().durable("d")
                .configuration(cc).build());
        List<Message> first = sub.fetch(10, Duration.ofSeconds(3));
        assertThat(first).extracting(PullConsumerTest::text)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        for (int i = 0; i < 10; i++) {
            Message m = first.get(i);
            assertThat(m.getSubject()).isEqualTo("p." + (i % 2));
            assertThat(m.getReplyTo()).startsWith("$JS.ACK.P.d.1." + (i + 1) + "." + (i + 1) + ".")
                    .endsWith("." + (19 - i));
            assertThat(m.metaData().streamSequence()).isEqualTo(i + 1);
            assertThat(m.metaData().consumerSequence()).isEqualTo(i + 1);
            assertThat(m.metaData().pendingCount()).isEqualTo(19 - i);
        }
        ConsumerInfo before = jsm.getConsumerInfo("P", "d");
        assertThat(before.getNumAckPending()).isEqualTo(10);
        assertThat(before.getNumPending()).isEqualTo(10);
        assertThat(before.getDelivered().getStreamSequence()).isEqualTo(10);
        // Acknowledge out of order: the floor only moves over a contiguous run.
        first.get(1).ackSync(Duration.ofSeconds(2));
        ConsumerInfo gap = jsm.getConsumerInfo("P", "d");
        assertThat(gap.getAckFloor().getStreamSequence()).isZero();
        assertThat(gap.getNumAckPending()).isEqualTo(9);
        first.get(0).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getConsumerInfo("P", "d").getAckFloor().getStreamSequence()).isEqualTo(2);
        for (Message m : first.subList(2, 10)) {
            m.ack();
        }
        waitFor(() -> jsm.getConsumerInfo("P", "d").getNumAckPending() == 0, "jsm.getConsumerInfo('P', 'd').getNumAckPending() == 0");
        ConsumerInfo acked = jsm.getConsumerInfo("P", "d");
        assertThat(acked.getAckFloor().getStreamSequence()).isEqualTo(10);
        assertThat(acked.getAckFloor().getConsumerSequence()).isEqualTo(10);

        List<String> rest = new ArrayList<>();
        Iterator<Message> it = sub.iterate(10, Duration.ofSeconds(3));
        while (it.hasNext()) {
            Message m = it.next();
            rest.add(text(m));
            m.ack();
        }
        assertThat(rest).containsExactly("m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19");
        // Nothing left: a fetch ends empty (the server answers 404 / 408, which jnats swallows).
        assertThat(sub.fetch(5, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void simplifiedApiFetchNextAndConsume() throws Exception {
        StreamContext stream = nc.getStreamContext("P");
        ConsumerContext consumer = stream.createOrUpdateConsumer(ConsumerConfiguration.builder()
                .durable("simple").ackPolicy(AckPolicy.Explicit).filterSubject("p.1").build());
        List<String> fetched = new ArrayList<>();
        try (FetchConsumer fetch = consumer.fetch(FetchConsumeOptions.builder().maxMessages(3).expiresIn(2000).build())) {
            Message m;
            while ((m = fetch.nextMessage()) != null) {
                fetched.add(text(m));
                m.ack();
            }
        }
        assertThat(fetched).containsExactly("m1", "m3", "m5");
        Message next = consumer.next(Duration.ofSeconds(2));
        assertThat(text(next)).isEqualTo("m7");
        next.ack();
        ConcurrentLinkedQueue<String> consumed = new ConcurrentLinkedQueue<>();
        try (MessageConsumer mc = consumer.consume(m -> {
            consumed.add(text(m));
            m.ack();
        })) {
            waitFor(() -> consumed.size() == 6, "consumed.size() == 6");
            js.publish("p.1", "late".getBytes(StandardCharsets.UTF_8));
            waitFor(() -> consumed.contains("late"), "consumed.contains('late')");
            mc.stop();
        }
        assertThat(consumed).containsExactly("m9", "m11", "m13", "m15", "m17", "m19", "late");
        waitFor(() -> jsm.getConsumerInfo("P", "simple").getNumAckPending() == 0, "jsm.getConsumerInfo('P', 'simple').getNumAckPending() == 0");
        assertThat(jsm.getConsumerInfo("P", "simple").getAckFloor().getStreamSequence()).isEqualTo(21);
    }

    @Test
    void unackedMessagesComeBackAfterAckWaitUpToMaxDeliver() throws Exception {
        js.publish("p.x", "only".getBytes(StandardCharsets.UTF_8));
        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("r").ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofMillis(400)).maxDeliver(2).filterSubject("p.x").build());
        BaseConsumerContext consumer = nc.getConsumerContext("P", "r");
        Message once = consumer.next(Duration.ofSeconds(2));
        assertThat(text(once)).isEqualTo("only");
        assertThat(once.metaData().deliveredCount()).isEqualTo(1);
        // Not acknowledged: after ack_wait it is sent again, with a new consumer sequence.
        Message again = consumer.next(Duration.ofSeconds(3));
        assertThat(text(again)).isEqualTo("only");
        assertThat(again.metaData().deliveredCount()).isEqualTo(2);
        assertThat(again.metaData().consumerSequence()).isEqualTo(2);
        // max_deliver 2 reached: not sent a third time, and no longer pending.
        assertThat(consumer.next(Duration.ofMillis(1500))).isNull();
        ConsumerInfo info = jsm.getConsumerInfo("P", "r");
        assertThat(info.getNumAckPending()).isZero();
        assertThat(info.getRedelivered()).isEqualTo(1);
    }

    @Test
    void nakWithDelayRedeliversAfterTheDelay() throws Exception {
        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("n").ackPolicy(AckPolicy.Explicit)
                .filterSubject("p.1").build());
        BaseConsumerContext consumer = nc.getConsumerContext("P", "n");
        Message m = consumer.next(Duration.ofSeconds(2));
        assertThat(text(m)).isEqualTo("m1");
        long nakAt = System.nanoTime();
        m.nakWithDelay(Duration.ofMillis(800));
        Message next = consumer.next(Duration.ofSeconds(2));
        assertThat(text(next)).isEqualTo("m3");
        next.ack();
        // m1 comes back, but only once its delay has passed (m5 and on are held back by nothing,
        // so fetch past them: the redelivery goes first once it is due).
        List<String> seen = new ArrayList<>();
        Message back = null;
        while (back == null) {
            Message x = consumer.next(Duration.ofSeconds(2));
            assertThat(x).isNotNull();
            if (text(x).equals("m1")) {
                back = x;
            } else {
                seen.add(text(x));
                x.ack();
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - nakAt)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(back.metaData().deliveredCount()).isEqualTo(2);
        back.ack();
        // A plain NAK comes straight back.
        js.publish("p.1", "fresh".getBytes(StandardCharsets.UTF_8));
        Message fresh = consumer.next(Duration.ofSeconds(2));
        assertThat(text(fresh)).isEqualTo("fresh");
        fresh.nak();
        Message freshAgain = consumer.next(Duration.ofSeconds(2));
        assertThat(text(freshAgain)).isEqualTo("fresh");
        assertThat(freshAgain.metaData().deliveredCount()).isEqualTo(2);
    }

    @Test
    void termStopsRedeliveryAndAckAllAcksEverythingBelow() throws Exception {
        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("all").ackPolicy(AckPolicy.All).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("P", "all"));
        List<Message> batch = sub.fetch(5, Duration.ofSeconds(2));
        assertThat(batch).hasSize(5);
        batch.get(3).ackSync(Duration.ofSeconds(2));
        ConsumerInfo info = jsm.getConsumerInfo("P", "all");
        assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(4);
        assertThat(info.getNumAckPending()).isEqualTo(1);

        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("t").ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofMillis(300)).filterSubject("p.0").build());
        BaseConsumerContext t = nc.getConsumerContext("P", "t");
        Message m = t.next(Duration.ofSeconds(2));
        m.term();
        Message after = t.next(Duration.ofSeconds(2));
        assertThat(text(after)).isEqualTo("m2");
        after.inProgress();
        after.ack();
        waitFor(() -> jsm.getConsumerInfo("P", "t").getNumAckPending() == 0, "jsm.getConsumerInfo('P', 't').getNumAckPending() == 0");
    }

    @Test
    void backoffSpacesTheRedeliveries() throws Exception {
        js.publish("p.bo", "retry".getBytes(StandardCharsets.UTF_8));
        ConsumerInfo created = jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("bo")
                .ackPolicy(AckPolicy.Explicit).filterSubject("p.bo").maxDeliver(3)
                .backoff(Duration.ofMillis(200), Duration.ofMillis(900)).build());
        // nats-server's default: ack_wait becomes the first backoff.
        assertThat(created.getConsumerConfiguration().getAckWait()).isEqualTo(Duration.ofMillis(200));
        BaseConsumerContext consumer = nc.getConsumerContext("P", "bo");
        long[] at = new long[3];
        // Measured from before the first pull, which no delivery can precede: a gap between two
        // receipts would shrink when a loaded machine is late to read the earlier one.
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Message m = consumer.next(Duration.ofSeconds(3));
            assertThat(m).as("delivery %d", i + 1).isNotNull();
            assertThat(m.metaData().deliveredCount()).isEqualTo(i + 1);
            at[i] = System.nanoTime();
        }
        assertThat(Duration.ofNanos(at[1] - start)).as("first redelivery").isGreaterThanOrEqualTo(Duration.ofMillis(190));
        // The second wait is backoff[1]: with ack_wait (200 ms) again it would come at ~400 ms.
        assertThat(Duration.ofNanos(at[2] - start)).as("second redelivery")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1090));
        assertThat(consumer.next(Duration.ofMillis(1500))).isNull();
    }

    @Test
    void filteredPurgeMovesTheConsumersWithinIt() throws Exception {
        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("evens").ackPolicy(AckPolicy.Explicit)
                .filterSubject("p.0").build());
        jsm.addOrUpdateConsumer("P", ConsumerConfiguration.builder().durable("all").ackPolicy(AckPolicy.Explicit)
                .build());
        assertThat(js.subscribe(null, PullSubscribeOptions.bind("P", "evens")).fetch(2, Duration.ofSeconds(2)))
                .hasSize(2);
        assertThat(js.subscribe(null, PullSubscribeOptions.bind("P", "all")).fetch(3, Duration.ofSeconds(2)))
                .hasSize(3);
        jsm.purgeStream("P", io.nats.client.PurgeOptions.subject("p.0"));
        // Nothing is left on p.0: "evens" moves past the stream's last sequence, everything below acknowledged.
        ConsumerInfo evens = jsm.getConsumerInfo("P", "evens");
        assertThat(evens.getAckFloor().getStreamSequence()).isEqualTo(20);
        assertThat(evens.getNumAckPending()).isZero();
        assertThat(evens.getNumPending()).isZero();
        // "all" reads more than was purged: it keeps its place, and the p.1 messages it still has to read.
        ConsumerInfo all = jsm.getConsumerInfo("P", "all");
        assertThat(all.getDelivered().getStreamSequence()).isEqualTo(3);
        assertThat(all.getNumPending()).isEqualTo(9);
    }
}
