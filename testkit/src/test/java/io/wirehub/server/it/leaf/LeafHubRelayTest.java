package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Wirehub as the hub of two spokes passes messages between them: a client on spoke A reaches a
 * subscriber on spoke B through Wirehub, with nats-server 2.9.10 spokes and with Wirehub spokes;
 * interest from one spoke is passed on to the other; the hub's own queue members are served
 * before another spoke's; and a cycle through the hub is found by loop detection.
 */
class LeafHubRelayTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    private static String hubConfig(int leafPort) {
        return "server_name: WHUB\nhttp: \"127.0.0.1:-1\"\nleafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n";
    }

    /** A spoke of either kind (nats-server 2.9.10 takes reconnect in whole seconds only). */
    private static String spokeConfig(String name, int leafPort) {
        return "server_name: " + name + "\nleafnodes { reconnect: 1, remotes [ { url: \"nats-leaf://127.0.0.1:"
                + leafPort + "\" } ] }\n";
    }

    @Test
    void twoNatsServerSpokesTalkThroughAWirehubHub() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = LeafHubFixture.startWirehub(hubConfig(leafPort));
        try (hub;
             NatsServerProcess a = NatsServerProcess.start(spokeConfig("SPOKEA", leafPort), true);
             NatsServerProcess b = NatsServerProcess.start(spokeConfig("SPOKEB", leafPort), true);
             Connection onA = connect(a.url());
             Connection onB = connect(b.url());
             Connection onHub = connect(hub.clientUrl())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 2,
                    "both nats-server spokes to join Wirehub");
            exchange(onA, onB, onHub);
        }
    }

    @Test
    void twoWirehubSpokesTalkThroughAWirehubHub() throws Exception {
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = LeafHubFixture.startWirehub(hubConfig(leafPort));
        Wirehub a = LeafHubFixture.startWirehub(spokeConfig("WSPOKEA", leafPort));
        Wirehub b = LeafHubFixture.startWirehub(spokeConfig("WSPOKEB", leafPort));
        try (hub; a; b;
             Connection onA = connect(a.clientUrl());
             Connection onB = connect(b.clientUrl());
             Connection onHub = connect(hub.clientUrl())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 2,
                    "both Wirehub spokes to join the Wirehub hub");
            exchange(onA, onB, onHub);
        }
    }

    /**
     * Plain messages and wildcards, request-reply and a queue group, each from one spoke's client
     * to the other's; then the hub's own queue member is preferred over the other spoke's.
     */
    private static void exchange(Connection onA, Connection onB, Connection onHub) throws Exception {
        Subscription atB = onB.subscribe("relay.>");
        Dispatcher service = onB.createDispatcher(m -> onB.publish(m.getReplyTo(),
                ("b:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        service.subscribe("svc.b");
        Subscription worker1 = onB.subscribe("jobs", "workers");
        Subscription worker2 = onB.subscribe("jobs", "workers");
        LeafHubFixture.awaitInterest(onA, onB);

        onA.publish("relay.one.two", "from-a".getBytes(StandardCharsets.UTF_8));
        Message relayed = atB.nextMessage(WAIT);
        assertThat(relayed).isNotNull();
        assertThat(relayed.getSubject()).isEqualTo("relay.one.two");
        assertThat(new String(relayed.getData(), StandardCharsets.UTF_8)).isEqualTo("from-a");

        Message reply = onA.request("svc.b", "ping".getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("b:ping");

        for (int i = 0; i < 20; i++) {
            onA.publish("jobs", new byte[] {(byte) i});
        }
        onA.flush(WAIT);
        assertThat(drain(worker1) + drain(worker2)).isEqualTo(20);
        assertThat(atB.nextMessage(Duration.ofMillis(100))).isNull(); // one copy only

        // A member on the hub itself: the hub serves it first, B's members get nothing.
        Subscription hubWorker = onHub.subscribe("jobs", "workers");
        LeafHubFixture.awaitInterest(onA, onHub);
        for (int i = 0; i < 20; i++) {
            onA.publish("jobs", new byte[] {(byte) i});
        }
        onA.flush(WAIT);
        assertThat(drain(hubWorker)).isEqualTo(20);
        assertThat(worker1.nextMessage(Duration.ofMillis(100))).isNull();
        assertThat(worker2.nextMessage(Duration.ofMillis(100))).isNull();

        // B's unsubscribe reaches A through the hub: nothing more is sent to B.
        atB.unsubscribe();
        Subscription probe = onB.subscribe("relay.gone.probe");
        LeafHubFixture.awaitInterest(onA, onB);
        onA.publish("relay.gone", new byte[] {1});
        onA.publish("relay.gone.probe", new byte[] {2});
        assertThat(probe.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void aCycleThroughTheHubIsFoundAsWithANatsServerHub() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        assertThat(cycleFindsLoop(true)).isTrue();
        assertThat(cycleFindsLoop(false)).isTrue();
    }

    /**
     * S1 dials the hub and S2; S2 dials the hub too: S1's {@code $LDS} subject goes S1 → hub → S2
     * → S1 (the hub passes it from one spoke to the other, as any other server's loop subject),
     * and S1 finds its own subject coming back (nats-server TestLeafNodeLoopFromDAG's shape).
     */
    private static boolean cycleFindsLoop(boolean natsServerHub) throws Exception {
        int hubPort = LeafHubFixture.freePort();
        int s2Port = LeafHubFixture.freePort();
        String hubText = "server_name: HUBX\nleafnodes { listen: \"127.0.0.1:" + hubPort + "\" }\n";
        NatsServerProcess theirs = natsServerHub ? NatsServerProcess.start(hubText) : null;
        Wirehub ours = natsServerHub ? null : LeafHubFixture.startWirehub(hubText);
        String s2 = "server_name: S2\nleafnodes { listen: \"127.0.0.1:" + s2Port + "\", reconnect: 1, remotes [ { url: "
                + "\"nats-leaf://127.0.0.1:" + hubPort + "\" } ] }\n";
        String s1 = "server_name: S1\nleafnodes { reconnect: 1, remotes [ { url: \"nats-leaf://127.0.0.1:" + hubPort
                + "\" }, { url: \"nats-leaf://127.0.0.1:" + s2Port + "\" } ] }\n";
        try (NatsServerProcess second = NatsServerProcess.start(s2);
             NatsServerProcess first = NatsServerProcess.start(s1)) {
            return Await.value(WAIT, () -> first.log().contains("Loop detected for leafnode account=\"$G\""), found -> found,
                    "S1 to find its own $LDS subject coming back through the " + (natsServerHub ? "nats-server" : "Wirehub")
                            + " hub");
        } finally {
            if (theirs != null) {
                theirs.close();
            }
            if (ours != null) {
                ours.close();
            }
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).noReconnect().build());
    }

    /** Counts messages until none arrives for a short while. */
    private static int drain(Subscription subscription) throws InterruptedException {
        int count = 0;
        while (subscription.nextMessage(Duration.ofMillis(500)) != null) {
            count++;
        }
        return count;
    }
}
