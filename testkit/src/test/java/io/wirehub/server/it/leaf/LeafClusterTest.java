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
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case: a three-node nats-server 2.9.10 cluster (routes between three processes) with
 * a Wirehub leaf on each of two nodes. A message from one leaf's client reaches the other leaf's
 * client across the cluster, a request on one leaf gets its reply from the other, and a queue
 * group with members on the far leaf serves the near leaf's publisher, once per message.
 */
class LeafClusterTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aMessageCrossesAThreeNodeClusterBetweenTwoWirehubLeafs() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int[] routePorts = {LeafHubFixture.freePort(), LeafHubFixture.freePort(), LeafHubFixture.freePort()};
        int[] leafPorts = {LeafHubFixture.freePort(), LeafHubFixture.freePort(), LeafHubFixture.freePort()};
        List<NatsServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NatsServerProcess node = NatsServerProcess.start(nodeConfig(i, routePorts, leafPorts[i]), true);
            started.add(node);
            nodes.add(node);
        }
        for (NatsServerProcess node : nodes) {
            // Each node routes to the two others (the full mesh), as /routez shows.
            HttpGet.jsonUntil(node.monitoringUrl() + "/routez", j -> j.path("num_routes").asInt() == 2,
                    "the three-node cluster's routes to come up");
        }
        Wirehub leafOne = LeafHubFixture.startWirehub(leafConfig("WLEAF1", leafPorts[0]));
        started.add(leafOne);
        Wirehub leafThree = LeafHubFixture.startWirehub(leafConfig("WLEAF3", leafPorts[2]));
        started.add(leafThree);
        HttpGet.jsonUntil(nodes.get(0).monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                "WLEAF1 to join node 1");
        HttpGet.jsonUntil(nodes.get(2).monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                "WLEAF3 to join node 3");

        try (Connection near = connect(leafOne.clientUrl()); Connection far = connect(leafThree.clientUrl())) {
            Subscription atFar = far.subscribe("cluster.news");
            Dispatcher service = far.createDispatcher(m -> far.publish(m.getReplyTo(),
                    ("far:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            service.subscribe("cluster.svc");
            Subscription worker1 = far.subscribe("cluster.jobs", "workers");
            Subscription worker2 = far.subscribe("cluster.jobs", "workers");
            // Leaf 3 → node 3 → routes → node 1 → leaf 1: in order behind the probe's own interest.
            LeafHubFixture.awaitInterest(near, far);

            near.publish("cluster.news", "hello".getBytes(StandardCharsets.UTF_8));
            Message news = atFar.nextMessage(WAIT);
            assertThat(news).isNotNull();
            assertThat(new String(news.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(atFar.nextMessage(Duration.ofMillis(300))).isNull(); // one copy, not one per route

            Message reply = near.request("cluster.svc", "ping".getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("far:ping");

            for (int i = 0; i < 30; i++) {
                near.publish("cluster.jobs", new byte[] {(byte) i});
            }
            near.flush(WAIT);
            int one = drain(worker1);
            int two = drain(worker2);
            assertThat(one + two).isEqualTo(30);
        }
    }

    /** Node i of the cluster: its route port, routes to the other two, and a leafnode port. */
    private static String nodeConfig(int i, int[] routePorts, int leafPort) {
        StringBuilder routes = new StringBuilder();
        for (int j = 0; j < routePorts.length; j++) {
            if (j != i) {
                routes.append(routes.isEmpty() ? "" : ", ").append("\"nats-route://127.0.0.1:").append(routePorts[j])
                        .append('"');
            }
        }
        return "server_name: NODE" + (i + 1) + "\ncluster { name: TRIO, listen: \"127.0.0.1:" + routePorts[i]
                + "\", routes: [" + routes + "] }\nleafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n";
    }

    private static String leafConfig(String name, int leafPort) {
        return "server_name: " + name + "\nleafnodes { reconnect: \"100ms\", remotes [ { url: \"nats-leaf://127.0.0.1:"
                + leafPort + "\", no_randomize: true } ] }\n";
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).noReconnect().build());
    }

    private static int drain(Subscription subscription) throws InterruptedException {
        int count = 0;
        while (subscription.nextMessage(Duration.ofMillis(500)) != null) {
            count++;
        }
        return count;
    }
}
