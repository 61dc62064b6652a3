package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wirehub as a leaf node (spoke) of the real nats-server (Debian 2.9.10) as hub, with jnats
 * clients on both: messages, wildcards, request-reply, headers and queue groups cross the link
 * both ways, and everything comes back after the hub restarts.
 */
class LeafSpokeTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;
    private LeafHubFixture fixture;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        fixture = new LeafHubFixture("", "");
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void messagesAndWildcardsCrossBothWays() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription onHub = hub.subscribe("up.>");
            Subscription onLeaf = leaf.subscribe("down.*");
            LeafHubFixture.awaitInterest(leaf, hub);
            LeafHubFixture.awaitInterest(hub, leaf);

            leaf.publish("up.a.b", "from-leaf".getBytes(StandardCharsets.UTF_8));
            hub.publish("down.x", "from-hub".getBytes(StandardCharsets.UTF_8));
            hub.publish("down.x.y", "not-matching".getBytes(StandardCharsets.UTF_8));

            Message up = onHub.nextMessage(WAIT);
            assertThat(up.getSubject()).isEqualTo("up.a.b");
            assertThat(new String(up.getData(), StandardCharsets.UTF_8)).isEqualTo("from-leaf");
            Message down = onLeaf.nextMessage(WAIT);
            assertThat(down.getSubject()).isEqualTo("down.x");
            assertThat(new String(down.getData(), StandardCharsets.UTF_8)).isEqualTo("from-hub");
            assertThat(onLeaf.nextMessage(Duration.ofMillis(300))).isNull();
            assertThat(onHub.nextMessage(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void overlappingSubscriptionsOnTheHubGetOneCopyEach() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription wide = hub.subscribe("dup.>");
            Subscription narrow = hub.subscribe("dup.one");
            LeafHubFixture.awaitInterest(leaf, hub);

            leaf.publish("dup.one", new byte[] {1});

            assertThat(wide.nextMessage(WAIT)).isNotNull();
            assertThat(narrow.nextMessage(WAIT)).isNotNull();
            assertThat(wide.nextMessage(Duration.ofMillis(300))).isNull();
            assertThat(narrow.nextMessage(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void requestReplyBothWays() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Dispatcher leafService = leaf.createDispatcher(m -> leaf.publish(m.getReplyTo(),
                    ("leaf:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            leafService.subscribe("svc.leaf");
            Dispatcher hubService = hub.createDispatcher(m -> hub.publish(m.getReplyTo(),
                    ("hub:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            hubService.subscribe("svc.hub");
            LeafHubFixture.awaitInterest(hub, leaf);
            LeafHubFixture.awaitInterest(leaf, hub);

            Message fromLeaf = hub.request("svc.leaf", "ping".getBytes(StandardCharsets.UTF_8), WAIT);
            Message fromHub = leaf.request("svc.hub", "pong".getBytes(StandardCharsets.UTF_8), WAIT);

            assertThat(new String(fromLeaf.getData(), StandardCharsets.UTF_8)).isEqualTo("leaf:ping");
            assertThat(new String(fromHub.getData(), StandardCharsets.UTF_8)).isEqualTo("hub:pong");
        }
    }

    @Test
    void headersCrossBothWays() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription onHub = hub.subscribe("hdr.up");
            Subscription onLeaf = leaf.subscribe("hdr.down");
            LeafHubFixture.awaitInterest(leaf, hub);
            LeafHubFixture.awaitInterest(hub, leaf);

            leaf.publish(NatsMessage.builder().subject("hdr.up").headers(new Headers().add("X-From", "leaf"))
                    .data("u".getBytes(StandardCharsets.UTF_8)).build());
            hub.publish(NatsMessage.builder().subject("hdr.down").headers(new Headers().add("X-From", "hub"))
                    .data("d".getBytes(StandardCharsets.UTF_8)).build());

            Message up = onHub.nextMessage(WAIT);
            assertThat(up.getHeaders().getFirst("X-From")).isEqualTo("leaf");
            assertThat(new String(up.getData(), StandardCharsets.UTF_8)).isEqualTo("u");
            Message down = onLeaf.nextMessage(WAIT);
            assertThat(down.getHeaders().getFirst("X-From")).isEqualTo("hub");
            assertThat(new String(down.getData(), StandardCharsets.UTF_8)).isEqualTo("d");
        }
    }

    @Test
    void queueGroupsPreferLocalMembersAndFallBackAcrossTheLink() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient();
             Connection leafPublisher = fixture.wirehubClient()) {
            Subscription hubMember = hub.subscribe("work", "workers");
            Subscription leafMember = leaf.subscribe("work", "workers");
            LeafHubFixture.awaitInterest(leafPublisher, hub);

            for (int i = 0; i < 20; i++) {
                leafPublisher.publish("work", new byte[] {(byte) i});
            }
            leafPublisher.flush(WAIT);
            int local = drain(leafMember);
            assertThat(local).isEqualTo(20);
            assertThat(hubMember.nextMessage(Duration.ofMillis(300))).isNull();

            leafMember.unsubscribe();
            leaf.flush(WAIT);
            for (int i = 0; i < 20; i++) {
                leafPublisher.publish("work", new byte[] {(byte) i});
            }
            int remote = drain(hubMember);
            assertThat(remote).isEqualTo(20);
        }
    }

    @Test
    void queueMembersOnTheLeafServeTheHubWhenTheHubHasNone() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription first = leaf.subscribe("jobs", "g");
            Subscription second = leaf.subscribe("jobs", "g");
            Subscription plain = leaf.subscribe("jobs");
            LeafHubFixture.awaitInterest(hub, leaf);

            for (int i = 0; i < 10; i++) {
                hub.publish("jobs", new byte[] {(byte) i});
            }
            hub.flush(WAIT);

            assertThat(drain(plain)).isEqualTo(10);
            assertThat(drain(first) + drain(second)).isEqualTo(10);
        }
    }

    @Test
    void interestIsResentAfterTheHubRestarts() throws Exception {
        try (Connection leaf = fixture.wirehubClient()) {
            Subscription onLeaf = leaf.subscribe("after.restart");
            leaf.flush(WAIT);
            fixture.restartHub();
            try (Connection hub = fixture.hubClient()) {
                AtomicInteger probes = new AtomicInteger();
                // The subscription made before the restart must reach the new hub by itself.
                Await.until(WAIT, () -> {
                    try {
                        hub.publish("after.restart", new byte[] {(byte) probes.incrementAndGet()});
                        hub.flush(WAIT);
                        return onLeaf.nextMessage(Duration.ofMillis(100)) != null;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "the leaf's subscription to be resent to the restarted hub");
                Subscription onHub = hub.subscribe("back.up");
                LeafHubFixture.awaitInterest(leaf, hub);
                leaf.publish("back.up", "again".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(onHub.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("again");
            }
        }
    }

    @Test
    void leafzOnBothSidesShowsTheLink() throws Exception {
        try (Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            hub.subscribe("seen.by.leaf");
            leaf.subscribe("seen.by.hub");
            LeafHubFixture.awaitInterest(leaf, hub);
            LeafHubFixture.awaitInterest(hub, leaf);
            leaf.publish("seen.by.leaf", new byte[] {1, 2, 3}); // the hub subscribed to it
            leaf.flush(WAIT);

            JsonNode ours = HttpGet.jsonUntil(fixture.wirehub.monitoringUrl() + "/leafz?subs=1",
                    j -> j.path("leafnodes").asInt() == 1 && j.path("leafs").get(0).path("out_bytes").asLong() >= 3,
                    "Wirehub's /leafz to show the link");
            JsonNode link = ours.path("leafs").get(0);
            assertThat(link.path("name").asText()).isEqualTo("HUB1");
            assertThat(link.path("is_spoke").asBoolean()).isTrue();
            assertThat(link.path("account").asText()).isEqualTo("$G");
            assertThat(link.path("port").asInt()).isEqualTo(fixture.leafPort);
            assertThat(link.path("out_msgs").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(link.path("subscriptions_list").toString()).contains("seen.by.leaf");
            assertThat(HttpGet.get(fixture.wirehub.monitoringUrl() + "/varz").json().path("leafnodes").asInt())
                    .isEqualTo(1);

            JsonNode theirs = HttpGet.jsonUntil(fixture.hub.monitoringUrl() + "/leafz?subs=1",
                    j -> j.path("leafnodes").asInt() == 1, "the hub's /leafz to show the leaf");
            assertThat(theirs.path("leafs").get(0).path("account").asText()).isEqualTo("$G");
            assertThat(theirs.path("leafs").get(0).path("subscriptions_list").toString()).contains("seen.by.hub");
        }
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
