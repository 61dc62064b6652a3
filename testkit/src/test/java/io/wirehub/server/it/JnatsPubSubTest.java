package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The official Java client against Wirehub: the everyday messaging patterns. */
@WirehubTest
class JnatsPubSubTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Connection connect(Wirehub server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).build());
    }

    private static Connection connect(Wirehub server, Options.Builder options) throws Exception {
        return Nats.connect(options.server(server.clientUrl()).build());
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void publishedMessagesReachSubscribersInOrder(Wirehub server) throws Exception {
        try (Connection sub = connect(server); Connection pub = connect(server)) {
            Subscription s = sub.subscribe("orders.new");
            sub.flush(WAIT);
            for (int i = 0; i < 100; i++) {
                pub.publish("orders.new", ("order " + i).getBytes(StandardCharsets.UTF_8));
            }
            pub.flush(WAIT);
            for (int i = 0; i < 100; i++) {
                Message m = s.nextMessage(WAIT);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(text(m)).isEqualTo("order " + i);
                assertThat(m.getSubject()).isEqualTo("orders.new");
            }
        }
    }

    @Test
    void wildcardsMatchTokensAsNatsDefinesThem(Wirehub server) throws Exception {
        try (Connection nc = connect(server)) {
            Subscription star = nc.subscribe("sensors.*.temp");
            Subscription tail = nc.subscribe("sensors.>");
            nc.flush(WAIT);
            nc.publish("sensors.kitchen.temp", "21".getBytes(StandardCharsets.UTF_8));
            nc.publish("sensors.kitchen.humidity", "40".getBytes(StandardCharsets.UTF_8));
            nc.publish("sensors", "none".getBytes(StandardCharsets.UTF_8));
            nc.publish("sensors.a.b.temp", "deep".getBytes(StandardCharsets.UTF_8));
            nc.flush(WAIT);

            assertThat(text(star.nextMessage(WAIT))).isEqualTo("21");
            assertThat(star.nextMessage(Duration.ofMillis(200))).isNull();

            List<String> tailed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tailed.add(tail.nextMessage(WAIT).getSubject());
            }
            assertThat(tailed).containsExactly("sensors.kitchen.temp", "sensors.kitchen.humidity", "sensors.a.b.temp");
            assertThat(tail.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void queueGroupDeliversEachMessageToExactlyOneMemberAndSpreadsThem(Wirehub server) throws Exception {
        int members = 4;
        int messages = 400;
        List<Connection> connections = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        try (Connection pub = connect(server)) {
            for (int i = 0; i < members; i++) {
                Connection c = connect(server);
                connections.add(c);
                subs.add(c.subscribe("work", "workers"));
                c.flush(WAIT);
            }
            for (int i = 0; i < messages; i++) {
                pub.publish("work", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            pub.flush(WAIT);
            Map<Integer, Integer> perMember = new HashMap<>();
            List<String> received = new ArrayList<>();
            for (int member = 0; member < members; member++) {
                Message m;
                while ((m = subs.get(member).nextMessage(Duration.ofMillis(300))) != null) {
                    received.add(text(m));
                    perMember.merge(member, 1, Integer::sum);
                }
            }
            assertThat(received).hasSize(messages).doesNotHaveDuplicates();
            // Random choice: every member gets a fair share (expected 100 each; 40 is far in the tail).
            assertThat(perMember).hasSize(members);
            assertThat(perMember.values()).allSatisfy(count -> assertThat(count).isGreaterThan(40));
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    @Test
    void requestReplyAndNoResponders(Wirehub server) throws Exception {
        try (Connection responder = connect(server); Connection requester = connect(server)) {
            responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(),
                    ("echo " + text(msg)).getBytes(StandardCharsets.UTF_8))).subscribe("svc.echo");
            responder.flush(WAIT);

            Message reply = requester.request("svc.echo", "hi".getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(text(reply)).isEqualTo("echo hi");

            long started = System.nanoTime();
            CompletableFuture<Message> future = requester.request("svc.nobody", new byte[0]);
            // jnats answers a 503 no-responders status by cancelling the request's future.
            assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            // No responders fails fast, not after the timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void headersArriveIntact(Wirehub server) throws Exception {
        try (Connection nc = connect(server)) {
            Subscription s = nc.subscribe("with.headers");
            nc.flush(WAIT);
            Headers headers = new Headers().add("Trace-Id", "abc-123").add("Multi", "one", "two");
            nc.publish(NatsMessage.builder().subject("with.headers").headers(headers)
                    .data("body".getBytes(StandardCharsets.UTF_8)).build());
            Message m = s.nextMessage(WAIT);
            assertThat(m.getHeaders().getFirst("Trace-Id")).isEqualTo("abc-123");
            assertThat(m.getHeaders().get("Multi")).containsExactly("one", "two");
            assertThat(text(m)).isEqualTo("body");
        }
    }

    @Test
    void echoFalseKeepsOwnMessagesAway(Wirehub server) throws Exception {
        try (Connection quiet = connect(server, new Options.Builder().noEcho()); Connection other = connect(server)) {
            Subscription own = quiet.subscribe("chat");
            Subscription theirs = other.subscribe("chat");
            quiet.flush(WAIT);
            other.flush(WAIT);
            quiet.publish("chat", "from quiet".getBytes(StandardCharsets.UTF_8));
            other.publish("chat", "from other".getBytes(StandardCharsets.UTF_8));
            quiet.flush(WAIT);
            other.flush(WAIT);
            assertThat(text(own.nextMessage(WAIT))).isEqualTo("from other");
            assertThat(own.nextMessage(Duration.ofMillis(200))).isNull();
            List<String> seen = List.of(text(theirs.nextMessage(WAIT)), text(theirs.nextMessage(WAIT)));
            assertThat(seen).containsExactlyInAnyOrder("from quiet", "from other");
        }
    }

    @Test
    void autoUnsubscribeStopsAfterMax(Wirehub server) throws Exception {
        try (Connection sub = connect(server); Connection pub = connect(server)) {
            // The server's own subscriptions (system imports, as in nats-server) stay.
            int serversOwn = server.router().index().count();
            Subscription s = sub.subscribe("limited");
            s.unsubscribe(3);
            sub.flush(WAIT);
            for (int i = 0; i < 10; i++) {
                pub.publish("limited", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            pub.flush(WAIT);
            for (int i = 0; i < 3; i++) {
                assertThat(text(s.nextMessage(WAIT))).isEqualTo(Integer.toString(i));
            }
            assertThat(server.router().index().count()).as("server dropped the subscription").isEqualTo(serversOwn);
        }
    }

    @Test
    void oneMebibytePayloadRoundTrips(Wirehub server) throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        try (Connection sub = connect(server); Connection pub = connect(server)) {
            Subscription s = sub.subscribe("big");
            sub.flush(WAIT);
            pub.publish("big", payload);
            pub.flush(WAIT);
            Message m = s.nextMessage(WAIT);
            assertThat(m.getData()).isEqualTo(payload);
        }
    }

    @Test
    void payloadOverMaxPayloadIsRefusedByTheClientFromInfo(Wirehub server) throws Exception {
        try (Connection nc = connect(server)) {
            assertThat(nc.getServerInfo().getMaxPayload()).isEqualTo(1024 * 1024);
            byte[] tooBig = new byte[1024 * 1024 + 1];
            assertThatThrownBy(() -> nc.publish("big", tooBig)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
