package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.auth.NkeySeed;
import io.wirehub.server.it.jwt.JwtFixture;
import io.wirehub.server.it.jwt.OperatorWorld;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A remote's {@code credentials} (a .creds file: user JWT, the hub's nonce signed with the seed)
 * and {@code nkey} (a seed), against the real nats-server 2.9.10 hub in operator mode and with
 * nkey users, as nats-server's sendLeafConnect sends them.
 */
class LeafRemoteAuthTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @Test
    void theSeedSignsAsJnatsDoes() throws Exception {
        NKey user = JwtFixture.userKey();
        NkeySeed seed = NkeySeed.parse(JwtFixture.seed(user));
        assertThat(seed.publicKey()).isEqualTo(JwtFixture.publicKey(user));
        byte[] signature = Base64.getUrlDecoder().decode(seed.signNonce("gxSv17O1Da7WHBM"));
        assertThat(user.verify("gxSv17O1Da7WHBM".getBytes(StandardCharsets.US_ASCII), signature)).isTrue();
        assertThat(user.verify("another".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    }

    @Test
    void aCredsFileJoinsAnOperatorModeHub() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        OperatorWorld world = new OperatorWorld();
        Path leafCreds = world.userOfA(JwtFixture.userKey());
        Path appCreds = world.userOfA(JwtFixture.userKey());
        try (LeafHubFixture fixture = new LeafHubFixture(world.memoryConfig(),
                "credentials: \"" + leafCreds + "\"");
             Connection hub = Nats.connect(new Options.Builder().server(fixture.hub.url())
                     .authHandler(Nats.credentials(appCreds.toString())).noReconnect().build());
             Connection leaf = fixture.wirehubClient()) {
            HttpGet.jsonUntil(fixture.hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the Wirehub spoke to join the operator-mode hub");
            assertThat(HttpGet.get(fixture.hub.monitoringUrl() + "/leafz").json().path("leafs").get(0)
                    .path("account").asText()).isEqualTo(JwtFixture.publicKey(world.accountA));
            assertMessagesCross(hub, leaf);
        }
    }

    @Test
    void anNkeySeedJoinsAHubWithNkeyUsers() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        NKey leafKey = JwtFixture.userKey();
        NKey appKey = JwtFixture.userKey();
        String hubAuth = "authorization { users: [ {nkey: " + JwtFixture.publicKey(leafKey) + "}, {nkey: "
                + JwtFixture.publicKey(appKey) + "} ] }\n";
        try (LeafHubFixture fixture = new LeafHubFixture(hubAuth, "nkey: \"" + JwtFixture.seed(leafKey) + "\"");
             Connection hub = Nats.connect(new Options.Builder().server(fixture.hub.url())
                     .authHandler(new SeedHandler(appKey)).noReconnect().build());
             Connection leaf = fixture.wirehubClient()) {
            HttpGet.jsonUntil(fixture.hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the Wirehub spoke to join with its nkey");
            assertMessagesCross(hub, leaf);
        }
    }

    @Test
    void anNkeyTheHubDoesNotKnowIsRefusedAndRetried() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String hubAuth = "authorization { users: [ {nkey: " + JwtFixture.publicKey(JwtFixture.userKey()) + "} ] }\n";
        try (LeafHubFixture fixture = new LeafHubFixture(hubAuth,
                "nkey: \"" + JwtFixture.seed(JwtFixture.userKey()) + "\"")) {
            // Two refusals: the link was refused, then dialled again.
            Await.until(WAIT, () -> fixture.hub.log().split("authentication error", -1).length > 2,
                    "the hub to refuse the unknown nkey twice");
            assertThat(HttpGet.get(fixture.hub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
        }
    }

    private static void assertMessagesCross(Connection hub, Connection leaf) throws Exception {
        Subscription onLeaf = leaf.subscribe("down.>");
        Subscription onHub = hub.subscribe("up");
        LeafHubFixture.awaitInterest(hub, leaf);
        LeafHubFixture.awaitInterest(leaf, hub);
        hub.publish("down.1", "d".getBytes(StandardCharsets.UTF_8));
        leaf.publish("up", "u".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(onLeaf.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("d");
        assertThat(new String(onHub.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("u");
    }

    /** A jnats client that signs with an nkey (no JWT). */
    private record SeedHandler(NKey key) implements io.nats.client.AuthHandler {
        @Override
        public byte[] sign(byte[] nonce) {
            try {
                return key.sign(nonce);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public char[] getID() {
            try {
                return key.getPublicKey();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public char[] getJWT() {
            return null;
        }
    }
}
