package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A remote's {@code deny_imports} and {@code deny_exports} (nats-server newLeafNodeCfg), and the
 * hub user's credentials and permissions, against the real nats-server hub.
 */
class LeafDenyListsTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @Test
    void deniedSubjectsNeverCrossTheLink() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        try (LeafHubFixture fixture = new LeafHubFixture("",
                "deny_imports: [\"private.>\"], deny_exports: [\"local.>\"]");
             Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription privateOnLeaf = leaf.subscribe("private.x");
            Subscription publicOnLeaf = leaf.subscribe("public.x");
            Subscription localOnHub = hub.subscribe("local.y");
            Subscription sharedOnHub = hub.subscribe("shared.y");
            LeafHubFixture.awaitInterest(hub, leaf);
            LeafHubFixture.awaitInterest(leaf, hub);

            hub.publish("private.x", new byte[] {1});
            hub.publish("public.x", new byte[] {2});
            leaf.publish("local.y", new byte[] {3});
            leaf.publish("shared.y", new byte[] {4});

            assertThat(publicOnLeaf.nextMessage(WAIT).getData()).containsExactly(2);
            assertThat(sharedOnHub.nextMessage(WAIT).getData()).containsExactly(4);
            assertThat(privateOnLeaf.nextMessage(Duration.ofMillis(300))).isNull();
            assertThat(localOnHub.nextMessage(Duration.ofMillis(100))).isNull();
            String hubSide = HttpGet.get(fixture.hub.monitoringUrl() + "/leafz?subs=1").json().toString();
            assertThat(hubSide).contains("public.x").doesNotContain("private.x");
        }
    }

    @Test
    void followsTheHubUsersPermissions() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        // The leaf user may only publish "out.>" and receive "in.>" (nats-server sends these as
        // export/import in the connect_info INFO; an LS+ outside them would close the link).
        // With no auth in its leafnodes block the hub authenticates a leaf as a client.
        String hubAuth = "authorization { users: [ {user: leaf, password: s3cr3t,"
                + " permissions: { publish: \"out.>\", subscribe: \"in.>\" } }, {user: app, password: app} ] }\n";
        try (LeafHubFixture fixture = new LeafHubFixture(hubAuth, "", "leaf:s3cr3t@");
             Connection hub = io.nats.client.Nats.connect(new io.nats.client.Options.Builder()
                     .server("nats://app:app@127.0.0.1:" + fixture.hub.port()).noReconnect().build());
             Connection leaf = fixture.wirehubClient()) {
            Subscription allowedOnLeaf = leaf.subscribe("in.a");
            Subscription refusedOnLeaf = leaf.subscribe("other.a");
            Subscription onHub = hub.subscribe("out.b");
            Subscription refusedOnHub = hub.subscribe("elsewhere.b");
            leaf.flush(WAIT);
            HttpGet.jsonUntil(fixture.hub.monitoringUrl() + "/leafz?subs=1",
                    j -> j.path("leafnodes").asInt() == 1 && j.toString().contains("in.a"),
                    "the leaf's allowed interest to reach the hub");
            HttpGet.jsonUntil(fixture.wirehub.monitoringUrl() + "/leafz?subs=1", j -> j.toString().contains("out.b"),
                    "the hub's interest to reach Wirehub");

            hub.publish("in.a", new byte[] {1});
            leaf.publish("out.b", new byte[] {2});
            leaf.publish("elsewhere.b", new byte[] {3});

            assertThat(allowedOnLeaf.nextMessage(WAIT).getData()).containsExactly(1);
            assertThat(onHub.nextMessage(WAIT).getData()).containsExactly(2);
            assertThat(refusedOnHub.nextMessage(Duration.ofMillis(300))).isNull();
            assertThat(refusedOnLeaf.nextMessage(Duration.ofMillis(100))).isNull();
            assertThat(HttpGet.get(fixture.hub.monitoringUrl() + "/leafz?subs=1").json().toString())
                    .doesNotContain("other.a");
            assertThat(fixture.hub.log()).doesNotContain("Permissions Violation");
        }
    }
}
