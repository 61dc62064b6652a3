package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Leaf links in /metrics: per configured remote (up or not, links established, reconnects,
 * messages and bytes each way, counted across reconnects) and for the spokes a hub accepted.
 */
class LeafMetricsTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    /** The value of the series (name and labels exactly as exposed), or -1 when absent. */
    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return -1;
    }

    /** A series as the Prometheus client writes it: labels in name order. */
    private static String series(String name, String remote, String direction) {
        return name + "{account=\"$G\"" + (direction == null ? "" : ",direction=\"" + direction + "\"")
                + ",remote=\"" + remote + "\"}";
    }

    private static String metrics(Wirehub server) {
        return HttpGet.get(server.monitoringUrl() + "/metrics").body();
    }

    @Test
    void aRemotesTrafficAndReconnectsAreCounted() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        try (LeafHubFixture fixture = new LeafHubFixture("", "")) {
            String remote = "127.0.0.1:" + fixture.leafPort;
            Await.until(WAIT, () -> value(metrics(fixture.wirehub), series("wirehub_leaf_connections", remote, null)) == 1,
                    "the remote to show as connected");
            try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
                Subscription onHub = hub.subscribe("m.up");
                LeafHubFixture.awaitInterest(leaf, hub);
                String before = metrics(fixture.wirehub);
                double outBefore = value(before, series("wirehub_leaf_messages_total", remote, "out"));
                double bytesBefore = value(before, series("wirehub_leaf_bytes_total", remote, "out"));
                for (int i = 0; i < 5; i++) {
                    leaf.publish("m.up", new byte[10]);
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(onHub.nextMessage(WAIT)).isNotNull();
                }
                String after = metrics(fixture.wirehub);
                assertThat(value(after, series("wirehub_leaf_messages_total", remote, "out")))
                        .isEqualTo(outBefore + 5);
                assertThat(value(after, series("wirehub_leaf_bytes_total", remote, "out")))
                        .isEqualTo(bytesBefore + 50);
                assertThat(value(after, series("wirehub_leaf_reconnects_total", remote, null))).isZero();
            }
            fixture.hub.close();
            Await.until(WAIT, () -> value(metrics(fixture.wirehub), series("wirehub_leaf_connections", remote, null)) == 0,
                    "the remote to show as down while the hub is away");
            fixture.restartHub();
            Await.until(WAIT, () -> value(metrics(fixture.wirehub),
                            series("wirehub_leaf_reconnects_total", remote, null)) == 1,
                    "the reconnect to be counted");
            String last = metrics(fixture.wirehub);
            assertThat(value(last, series("wirehub_leaf_connects_total", remote, null))).isEqualTo(2);
            assertThat(value(last, series("wirehub_leaf_messages_total", remote, "out"))).isPositive();
        }
    }

    @Test
    void theSpokesAHubAcceptedAreCountedPerAccount() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        try (Wirehub hub = LeafHubFixture.startWirehub("http: \"127.0.0.1:-1\"\nleafnodes { listen: \"127.0.0.1:"
                + leafPort + "\" }\n");
             NatsServerProcess spoke = NatsServerProcess.start("server_name: S1\nleafnodes { remotes [ { url: "
                     + "\"nats-leaf://127.0.0.1:" + leafPort + "\" } ] }\n", true);
             Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(spoke.url()).noReconnect().build())) {
            String remote = "spokes";
            Await.until(WAIT, () -> value(metrics(hub), series("wirehub_leaf_connections", remote, null)) == 1,
                    "the accepted spoke to be counted");
            Subscription down = onSpoke.subscribe("m.down");
            LeafHubFixture.awaitInterest(onHub, onSpoke);
            double before = value(metrics(hub), series("wirehub_leaf_messages_total", remote, "out"));
            onHub.publish("m.down", new byte[3]);
            assertThat(down.nextMessage(WAIT)).isNotNull();
            assertThat(value(metrics(hub), series("wirehub_leaf_messages_total", remote, "out")))
                    .isEqualTo(before + 1);
            assertThat(metrics(hub)).contains(series("wirehub_leaf_connects_total", remote, null))
                    .doesNotContain(series("wirehub_leaf_reconnects_total", remote, null));
        }
    }
}
