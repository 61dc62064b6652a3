package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consuming a file stream that already holds N messages of 16 B, with jnats, from one connection:
 * the rate from creating the consumer to the last message delivered. Three ways: a push consumer
 * without acks, a pull consumer read with {@code fetch(100)} and each message acked, and the
 * simplified API's {@code consume()} with each message acked. Where messages are acked the run
 * also waits until the server has every ack (ack floor at N), untimed, so lost acks would show.
 */
final class JsConsume implements Scenario {
    private static final String STREAM = "CONSUME";
    private static final String SUBJECT = "bench.consume";
    private static final String DURABLE = "READER";

    enum Way {
        PUSH_NO_ACKS("push consumer, no acks"),
        FETCH_100("pull fetch(100), each acked"),
        CONSUME("consume() (simplified API), each acked");

        final String label;

        Way(String label) {
            this.label = label;
        }
    }

    private final Way way;
    private final int messages;

    JsConsume(Way way, int messages) {
        this.way = way;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "js consume 16 B file, " + way.label;
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        try (Connection nc = JsStreams.connect(server)) {
            JetStreamManagement jsm = JsStreams.management(nc);
            JsStreams.deleteIfPresent(jsm, STREAM);
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                    .build());
            JetStream js = JsStreams.context(nc);
            int stored = JsStreams.publish(js, SUBJECT, new byte[16], 256, count, Long.MAX_VALUE, null, server.name());
            JsStreams.expectStored(jsm, STREAM, stored, server.name());
            long start = System.nanoTime();
            switch (way) {
                case PUSH_NO_ACKS -> push(nc, js, count, server);
                case FETCH_100 -> fetch(js, count, server);
                case CONSUME -> consume(nc, count, server);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (way != Way.PUSH_NO_ACKS) {
                awaitAckFloor(jsm, count, server);
            }
            JsStreams.deleteIfPresent(jsm, STREAM);
            return List.of(Figure.throughput("msgs/s", count / seconds));
        }
    }

    private static void push(Connection nc, JetStream js, int count, BenchServer server) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        Dispatcher dispatcher = nc.createDispatcher();
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(STREAM)
                .configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.None).build()).build();
        js.subscribe(SUBJECT, dispatcher, msg -> {
            if (received.incrementAndGet() == count) {
                done.countDown();
            }
        }, false, options);
        awaitAll(done, received, count, server);
        nc.closeDispatcher(dispatcher);
    }

    private static void fetch(JetStream js, int count, BenchServer server) throws Exception {
        PullSubscribeOptions options = PullSubscribeOptions.builder().stream(STREAM).durable(DURABLE)
                .configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit).build()).build();
        JetStreamSubscription subscription = js.subscribe(SUBJECT, options);
        int received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(server.name() + ": " + received + " of " + count + " fetched in 60 s");
            }
            for (Message message : subscription.fetch(100, Duration.ofSeconds(2))) {
                message.ack();
                received++;
            }
        }
        subscription.unsubscribe();
    }

    private static void consume(Connection nc, int count, BenchServer server) throws Exception {
        ConsumerContext context = nc.getStreamContext(STREAM, JsStreams.OPTIONS).createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable(DURABLE).ackPolicy(AckPolicy.Explicit).build());
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        try (MessageConsumer consumer = context.consume(msg -> {
            msg.ack();
            if (received.incrementAndGet() == count) {
                done.countDown();
            }
        })) {
            awaitAll(done, received, count, server);
            consumer.stop();
        }
    }

    private static void awaitAll(CountDownLatch done, AtomicInteger received, int count, BenchServer server)
            throws InterruptedException {
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(server.name() + ": " + received.get() + " of " + count
                    + " delivered in 60 s");
        }
    }

    /** Polls the durable consumer until the server has had every ack (untimed; a check, not a figure). */
    private static void awaitAckFloor(JetStreamManagement jsm, int count, BenchServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long floor = -1;
        while (System.nanoTime() < deadline) {
            floor = jsm.getConsumerInfo(STREAM, DURABLE).getAckFloor().getStreamSequence();
            if (floor == count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(server.name() + ": ack floor " + floor + " of " + count + " after 30 s");
    }
}
