package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.it.jwt.JwtFixture;
import io.wirehub.server.it.jwt.OperatorWorld;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wirehub as the hub: {@code leafnodes { authorization { users, nkey } }}, TLS with verify on the
 * leafnode port, and a spoke user's permissions, with real nats-server 2.9.10 spokes, and the
 * refusals compared byte for byte with nats-server as the hub.
 */
class LeafHubAuthTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @TempDir
    Path dir;

    private static Wirehub hub(int leafPort, String leafExtra, String extra) throws Exception {
        return LeafHubFixture.startWirehub("server_name: WHUB\nhttp: \"127.0.0.1:-1\"\nleafnodes { listen: "
                + "\"127.0.0.1:" + leafPort + "\"" + leafExtra + " }\n" + extra);
    }

    private static NatsServerProcess natsSpoke(String url, String remoteExtra) {
        return NatsServerProcess.start("server_name: SPOKE9\nleafnodes { remotes [ { url: \"" + url + "\""
                + remoteExtra + " } ] }\n", true);
    }

    @Test
    void aUsersListBindsEachSpokeToItsAccount() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = hub(leafPort, ", authorization { users [ {user: alice, password: pa, account: APP},"
                + " {user: bob, password: pb} ] }", "accounts { APP { users [ {user: app, password: app} ] } }\n");
        try (hub;
             NatsServerProcess spoke = natsSpoke("nats-leaf://alice:pa@127.0.0.1:" + leafPort, "");
             Connection onHub = Nats.connect(new Options.Builder().server("nats://app:app@127.0.0.1:" + hub.port())
                     .noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(spoke.url()).noReconnect().build())) {
            JsonNode leafz = HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "alice's spoke to join");
            assertThat(leafz.path("leafs").get(0).path("account").asText()).isEqualTo("APP");
            Subscription up = onHub.subscribe("up");
            Subscription down = onSpoke.subscribe("down");
            LeafHubFixture.awaitInterest(onSpoke, onHub);
            LeafHubFixture.awaitInterest(onHub, onSpoke);
            onSpoke.publish("up", new byte[] {1});
            onHub.publish("down", new byte[] {2});
            assertThat(up.nextMessage(WAIT).getData()).containsExactly(1);
            assertThat(down.nextMessage(WAIT).getData()).containsExactly(2);
        }
    }

    @Test
    void aUsersListRefusesAWrongPasswordAsNatsServerDoes() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String auth = "authorization { users [ {user: alice, password: pa} ] }";
        String refusal = refusalOf(port -> "{\"user\":\"alice\",\"pass\":\"wrong\",\"name\":\"RAW\"}", auth, "");
        assertThat(refusal).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void anNkeyOnTheLeafnodePortAdmitsItsSeedOnly() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        NKey leafKey = JwtFixture.userKey();
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = hub(leafPort, ", authorization { nkey: " + JwtFixture.publicKey(leafKey) + " }", "");
        try (hub;
             Wirehub spoke = LeafHubFixture.startWirehub("server_name: WSPOKE\nleafnodes { reconnect: \"100ms\","
                     + " remotes [ { url: \"nats-leaf://127.0.0.1:" + leafPort + "\", nkey: \""
                     + JwtFixture.seed(leafKey) + "\" } ] }\n")) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke with the seed to join");
            NKey stranger = JwtFixture.userKey();
            try (RawSpoke raw = new RawSpoke(leafPort)) {
                String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        stranger.sign(raw.nonce().getBytes(StandardCharsets.US_ASCII)));
                raw.send("CONNECT {\"nkey\":\"" + JwtFixture.publicKey(stranger) + "\",\"sig\":\"" + sig + "\"}");
                assertThat(raw.next("-ERR")).isEqualTo("-ERR 'Authorization Violation'");
            }
            try (RawSpoke raw = new RawSpoke(leafPort)) { // the right key, but a signature of another nonce
                String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        leafKey.sign("not-the-nonce".getBytes(StandardCharsets.US_ASCII)));
                raw.send("CONNECT {\"nkey\":\"" + JwtFixture.publicKey(leafKey) + "\",\"sig\":\"" + sig + "\"}");
                assertThat(raw.next("-ERR")).isEqualTo("-ERR 'Authorization Violation'");
            }
            assertThat(spoke.serverName()).isEqualTo("WSPOKE");
        }
    }

    @Test
    void anOperatorModeHubAdmitsASpokeWithACredsFileIntoItsAccount() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        OperatorWorld world = new OperatorWorld();
        Path leafCreds = world.userOfA(JwtFixture.userKey());
        Path appCreds = world.userOfA(JwtFixture.userKey());
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = hub(leafPort, "", world.memoryConfig());
        try (hub;
             NatsServerProcess spoke = natsSpoke("nats-leaf://127.0.0.1:" + leafPort,
                     ", credentials: \"" + leafCreds + "\"");
             Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl())
                     .authHandler(Nats.credentials(appCreds.toString())).noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(spoke.url()).noReconnect().build())) {
            JsonNode leafz = HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke with a user JWT to join");
            assertThat(leafz.path("leafs").get(0).path("account").asText())
                    .isEqualTo(JwtFixture.publicKey(world.accountA));
            Subscription down = onSpoke.subscribe("jwt.down");
            LeafHubFixture.awaitInterest(onHub, onSpoke);
            onHub.publish("jwt.down", new byte[] {5});
            assertThat(down.nextMessage(WAIT).getData()).containsExactly(5);
        }
    }

    @Test
    void tlsWithVerifyAdmitsASpokeWithACertificateOnly() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        TestCertificates certs = TestCertificates.create(dir);
        int leafPort = LeafHubFixture.freePort();
        Wirehub hub = hub(leafPort, ", tls { cert_file: \"" + certs.serverCert() + "\", key_file: \""
                + certs.serverKey() + "\", ca_file: \"" + certs.caCert() + "\", verify: true }", "");
        String url = "nats-leaf://127.0.0.1:" + leafPort;
        try (hub;
             NatsServerProcess withCert = natsSpoke(url, ", tls { cert_file: \"" + certs.file("client.pem")
                     + "\", key_file: \"" + certs.file("client-key.pem") + "\", ca_file: \"" + certs.caCert() + "\" }");
             Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(withCert.url()).noReconnect().build())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke with a client certificate to join over TLS");
            Subscription down = onSpoke.subscribe("secure.down");
            LeafHubFixture.awaitInterest(onHub, onSpoke);
            onHub.publish("secure.down", new byte[] {7});
            assertThat(down.nextMessage(WAIT).getData()).containsExactly(7);

            try (NatsServerProcess noCert = natsSpoke(url, ", tls { ca_file: \"" + certs.caCert() + "\" }")) {
                // TLS 1.3: the spoke finishes its side of the handshake, then the hub's refusal
                // of its missing certificate ends the link at the first read; it dials again.
                Await.until(WAIT, () -> noCert.log().split("Leafnode connection closed", -1).length > 2,
                        "the spoke without a certificate to be cut off twice");
                assertThat(HttpGet.get(hub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void aSpokeUsersPermissionsLimitTheLinkAsOnNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        String users = "authorization { users: [ {user: leaf, password: s3cr3t,"
                + " permissions: { publish: \"out.>\", subscribe: \"in.>\" } }, {user: app, password: app} ] }\n";
        Wirehub hub = hub(leafPort, "", users);
        try (hub;
             NatsServerProcess spoke = natsSpoke("nats-leaf://leaf:s3cr3t@127.0.0.1:" + leafPort, "");
             Connection onHub = Nats.connect(new Options.Builder().server("nats://app:app@127.0.0.1:" + hub.port())
                     .noReconnect().build());
             Connection onSpoke = Nats.connect(new Options.Builder().server(spoke.url()).noReconnect().build())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke to join as the limited user");
            Subscription allowed = onSpoke.subscribe("in.a");
            Subscription wide = onSpoke.subscribe("*.a");
            Subscription fromSpoke = onHub.subscribe("out.x");
            Subscription refusedUp = onHub.subscribe("elsewhere");
            Await.until(WAIT, () -> HttpGet.get(spoke.monitoringUrl() + "/leafz?subs=1").json().toString()
                    .contains("out.x"), "the hub's allowed interest to reach the spoke");
            Await.until(WAIT, () -> HttpGet.get(hub.monitoringUrl() + "/leafz?subs=1").json().toString()
                    .contains("in.a"), "the spoke's allowed interest to reach the hub");

            onHub.publish("other.a", new byte[] {9}); // outside the user's subscribe permission: never down
            onHub.publish("in.a", new byte[] {1});
            onSpoke.publish("elsewhere", new byte[] {8}); // the hub announced no interest outside "out.>"
            onSpoke.publish("out.x", new byte[] {2});
            assertThat(allowed.nextMessage(WAIT).getData()).containsExactly(1);
            assertThat(wide.nextMessage(WAIT).getData()).containsExactly(1);
            assertThat(fromSpoke.nextMessage(WAIT).getData()).containsExactly(2);
            assertThat(wide.nextMessage(Duration.ofMillis(300))).isNull();
            assertThat(refusedUp.nextMessage(Duration.ofMillis(100))).isNull();
            // The spoke was told its permissions in the connect_info INFO.
            assertThat(spoke.log()).doesNotContain("Permissions Violation");
        }
    }

    @Test
    void aForbiddenSubscriptionClosesTheLinkAsOnNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String users = "authorization { users: [ {user: leaf, password: s3cr3t,"
                + " permissions: { publish: \"out.>\", subscribe: { allow: \"in.>\", deny: \"in.secret\" } } } ] }\n";
        for (String subject : new String[] {"other.a", "in.secret"}) {
            String theirs = transcript(subject, users, true);
            String ours = transcript(subject, users, false);
            assertThat(ours).isEqualTo(theirs)
                    .contains("-ERR 'Permissions Violation for Subscription to \"" + subject + "\"'").endsWith("closed");
        }
    }

    /** What a raw spoke sees after subscribing to a forbidden subject: the INFO's permissions, the -ERR, the close. */
    private static String transcript(String subject, String users, boolean natsServer) throws Exception {
        int leafPort = LeafHubFixture.freePort();
        NatsServerProcess theirs = natsServer ? NatsServerProcess.start("leafnodes { listen: \"127.0.0.1:" + leafPort
                + "\" }\n" + users) : null;
        Wirehub ours = natsServer ? null : hub(leafPort, "", users);
        try (RawSpoke raw = new RawSpoke(leafPort)) {
            raw.send("CONNECT {\"user\":\"leaf\",\"pass\":\"s3cr3t\",\"name\":\"RAW\",\"headers\":true}");
            String connectInfo = raw.next("INFO");
            String permissions = connectInfo.substring(connectInfo.indexOf("\"import\""),
                    connectInfo.indexOf(",\"info_on_connect\""));
            raw.send("LS+ in.a");
            raw.send("LS+ " + subject);
            String error = raw.next("-ERR");
            return permissions + "\n" + error + "\n" + (raw.closedByHub() ? "closed" : "open");
        } finally {
            if (theirs != null) {
                theirs.close();
            }
            if (ours != null) {
                ours.close();
            }
        }
    }

    /** The first -ERR a raw spoke gets for a CONNECT on Wirehub's leafnode port, after checking nats-server's. */
    private static String refusalOf(IntFunction<String> connect, String leafAuth, String extra) throws Exception {
        String[] answers = new String[2];
        for (int i = 0; i < 2; i++) {
            int leafPort = LeafHubFixture.freePort();
            String leafBlock = "leafnodes { listen: \"127.0.0.1:" + leafPort + "\", " + leafAuth + " }\n" + extra;
            NatsServerProcess theirs = i == 0 ? NatsServerProcess.start(leafBlock) : null;
            Wirehub ours = i == 1 ? LeafHubFixture.startWirehub(leafBlock) : null;
            try (RawSpoke raw = new RawSpoke(leafPort)) {
                raw.send("CONNECT " + connect.apply(leafPort));
                answers[i] = raw.next("-ERR");
            } finally {
                if (theirs != null) {
                    theirs.close();
                }
                if (ours != null) {
                    ours.close();
                }
            }
        }
        assertThat(answers[1]).as("Wirehub's answer against nats-server's").isEqualTo(answers[0]);
        return answers[1];
    }
}
