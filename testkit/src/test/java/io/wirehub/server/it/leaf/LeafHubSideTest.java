package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wirehub as the hub: a real nats-server 2.9.10 spoke dials Wirehub's leafnode port. */
class LeafHubSideTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @Test
    void aNatsServerSpokeJoinsAndMessagesCrossBothWays() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = LeafHubFixture.startWirehub("server_name: WHUB\nhttp: \"127.0.0.1:-1\"\nleafnodes { listen: "
                + "\"127.0.0.1:" + leafPort + "\", authorization { user: leaf, password: s3cr3t } }\n");
        try (hub;
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE9\nleafnodes { remotes [ { url: "
                     + "\"nats-leaf://leaf:s3cr3t@127.0.0.1:" + leafPort + "\" } ] }\n", true);
             Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(spoke.url()).noReconnect().build())) {
            JsonNode leafz = HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the nats-server spoke to join Wirehub");
            assertThat(leafz.path("leafs").get(0).path("name").asText()).isEqualTo("SPOKE9");
            assertThat(leafz.path("leafs").get(0).path("is_spoke").asBoolean()).isFalse();
            HttpGet.jsonUntil(spoke.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke to see its hub");

            Subscription fromSpoke = onHub.subscribe("to.hub");
            Subscription fromHub = onSpoke.subscribe("to.spoke.*");
            Subscription worker = onSpoke.subscribe("jobs", "workers");
            LeafHubFixture.awaitInterest(onSpoke, onHub);
            LeafHubFixture.awaitInterest(onHub, onSpoke);

            onSpoke.publish("to.hub", "up".getBytes(StandardCharsets.UTF_8));
            onHub.publish("to.spoke.x", "down".getBytes(StandardCharsets.UTF_8));
            onHub.publish("jobs", "job".getBytes(StandardCharsets.UTF_8));

            Message up = fromSpoke.nextMessage(WAIT);
            assertThat(new String(up.getData(), StandardCharsets.UTF_8)).isEqualTo("up");
            Message down = fromHub.nextMessage(WAIT);
            assertThat(down.getSubject()).isEqualTo("to.spoke.x");
            assertThat(new String(worker.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("job");
        }
    }

    @Test
    void aSpokeWithTheWrongPasswordIsRefused() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = LeafHubFixture.startWirehub("server_name: WHUB\nhttp: \"127.0.0.1:-1\"\nleafnodes { listen: "
                + "\"127.0.0.1:" + leafPort + "\", authorization { user: leaf, password: s3cr3t } }\n");
        try (hub;
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE9\nleafnodes { remotes [ { url: "
                     + "\"nats-leaf://leaf:wrong@127.0.0.1:" + leafPort + "\" } ] }\n", true)) {
            io.wirehub.testkit.Await.until(WAIT, () -> spoke.log().contains("Authorization Violation"),
                    "the spoke to be told 'Authorization Violation'");
            assertThat(HttpGet.get(hub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
        }
    }
}
