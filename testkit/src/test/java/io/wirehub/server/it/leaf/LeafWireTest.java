package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.RawClient;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wirehub's spoke side against a fake hub over raw sockets, byte for byte, after nats-server's
 * test/leafnode_test.go (TestLeafNodeSendsSubsOngoing, TestLeafNodeSubs, TestLeafNodeMsgDelivery,
 * TestLeafNodeRemoteWrongPort, TestLeafNodeLoop).
 */
class LeafWireTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HUB_INFO = "INFO {\"server_id\":\"NHUB\",\"server_name\":\"HUB\",\"version\":\"2.9.10\","
            + "\"proto\":1,\"headers\":true,\"auth_required\":true,\"max_payload\":1048576,\"client_id\":4,"
            + "\"nonce\":\"abc\",\"info_on_connect\":true,\"leafnode_urls\":[\"127.0.0.1:1\"]} \r\n";
    private static final String CONNECT_INFO = "INFO {\"server_id\":\"NHUB\",\"server_name\":\"HUB\",\"client_id\":4,"
            + "\"info_on_connect\":true,\"connect_info\":true,\"remote_account\":\"$G\"} \r\n";

    private ServerSocket fakeHub;
    private Wirehub wirehub;
    private RawClient hub;

    @BeforeEach
    void start() throws Exception {
        fakeHub = new ServerSocket(0);
        fakeHub.setSoTimeout((int) WAIT.toMillis());
        wirehub = LeafHubFixture.startWirehub("server_name: SPOKE1\nleafnodes { reconnect: \"100ms\", remotes [ {"
                + " url: \"nats-leaf://leaf:s3cr3t@127.0.0.1:" + fakeHub.getLocalPort() + "\" } ] }\n");
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        wirehub.close();
        fakeHub.close();
    }

    /** Accepts Wirehub's dial, plays the hub's half of the handshake, and returns the CONNECT. */
    private JsonNode handshake() throws Exception {
        hub = RawClient.over(fakeHub.accept());
        hub.send(HUB_INFO);
        String connect = hub.expectLineStartingWith("CONNECT {");
        hub.expectNothing(Duration.ofMillis(200)); // nothing until the hub says connect_info
        hub.send(CONNECT_INFO);
        return new ObjectMapper().readTree(connect.substring("CONNECT ".length()));
    }

    /**
     * The next line that is not one of the spoke's own PINGs (answered) nor the interest of the
     * system imports every account has (nats-server's spoke sends those too).
     */
    private String next() {
        while (true) {
            String line = hub.readLine(WAIT);
            if ("PING".equals(line)) {
                hub.send("PONG\r\n");
            } else if (!line.startsWith("LS+ $SYS.REQ.")) {
                return line;
            }
        }
    }

    private Connection client() throws Exception {
        return Nats.connect(new Options.Builder().server(wirehub.clientUrl()).noReconnect().build());
    }

    @Test
    void connectsAsALeafAndAnnouncesInterestAsNatsServerDoes() throws Exception {
        JsonNode connect = handshake();
        assertThat(connect.path("user").asText()).isEqualTo("leaf");
        assertThat(connect.path("pass").asText()).isEqualTo("s3cr3t");
        assertThat(connect.path("name").asText()).isEqualTo("SPOKE1");
        assertThat(connect.path("cluster").asText()).isEqualTo("SPOKE1");
        assertThat(connect.path("headers").asBoolean()).isTrue();
        assertThat(connect.has("lang")).as("a hub refuses a CONNECT with lang").isFalse();
        assertThat(connect.has("compress_mode")).isFalse();
        assertThat(next()).startsWith("LS+ $LDS.");

        try (Connection client = client()) {
            Subscription plain1 = client.subscribe("plain");
            Subscription plain2 = client.subscribe("plain");
            Subscription q1 = client.subscribe("q", "qg");
            Subscription q2 = client.subscribe("q", "qg");
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LS+ plain");
            assertThat(next()).isEqualTo("LS+ q qg 1");
            assertThat(next()).isEqualTo("LS+ q qg 2");
            q1.unsubscribe();
            q2.unsubscribe();
            plain1.unsubscribe();
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LS+ q qg 1");
            assertThat(next()).isEqualTo("LS- q qg");
            plain2.unsubscribe();
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LS- plain");
        }
    }

    @Test
    void messagesFollowTheHubsInterestAndQueueLists() throws Exception {
        handshake();
        assertThat(next()).startsWith("LS+ $LDS.");
        try (Connection client = client()) {
            Subscription plain = client.subscribe("in");
            Subscription member = client.subscribe("in", "qg");
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LS+ in");
            assertThat(next()).isEqualTo("LS+ in qg 1");

            hub.send("LS+ foo\r\nLS+ bar grp 3\r\nPING\r\n");
            assertThat(next()).isEqualTo("PONG"); // the LS+ before it are in place
            client.publish("nosub", new byte[] {'x'});
            client.publish("foo", "hi".getBytes(StandardCharsets.UTF_8));
            client.publish("bar", "yo".getBytes(StandardCharsets.UTF_8));
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LMSG foo 2");
            assertThat(next()).isEqualTo("hi");
            assertThat(next()).isEqualTo("LMSG bar | grp 2");
            assertThat(next()).isEqualTo("yo");

            // No queue list: plain subscribers only. A queue list: one member of each group named.
            hub.send("LMSG in 1\r\na\r\nLMSG in | qg 1\r\nb\r\nHMSG in rep 12 14\r\nNATS/1.0\r\n\r\nok\r\n");
            assertThat(new String(plain.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("a");
            assertThat(new String(plain.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("b");
            var withHeaders = plain.nextMessage(WAIT);
            assertThat(withHeaders.getReplyTo()).isEqualTo("rep");
            assertThat(new String(withHeaders.getData(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(new String(member.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("b");
            assertThat(member.nextMessage(Duration.ofMillis(200))).isNull();

            hub.send("LS- foo\r\nPING\r\n");
            assertThat(next()).isEqualTo("PONG");
            client.publish("foo", new byte[] {'z'});
            client.flush(WAIT);
            hub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void refusesAClientPortAsTheWrongPort() throws Exception {
        hub = RawClient.over(fakeHub.accept());
        // A client port's INFO: no leafnode_urls.
        hub.send("INFO {\"server_id\":\"NX\",\"version\":\"2.9.10\",\"proto\":1,\"client_id\":7,\"max_payload\":1048576} \r\n");
        assertThat(hub.expectClosed(WAIT)).as("no CONNECT is sent to a wrong port").isEmpty();
    }

    @Test
    void detectsItsOwnLoopSubjectAndWaitsBeforeRedialling() throws Exception {
        handshake();
        String loop = next();
        assertThat(loop).startsWith("LS+ $LDS.");
        hub.send(loop + "\r\n");
        assertThat(next()).isEqualTo("-ERR 'Loop detected for leafnode account=\"$G\". Delaying attempt to reconnect for 30s'");
        hub.expectClosed(WAIT);
        fakeHub.setSoTimeout(1500);
        try {
            fakeHub.accept().close();
            throw new AssertionError("redialled within 1.5 s of a loop (reconnect is 100ms; a loop waits 30 s)");
        } catch (SocketTimeoutException expected) {
            assertThat(expected).isNotNull();
        }
    }

    @Test
    void aHubThatSendsNoInfoIsDroppedAndDialledAgain() throws Exception {
        // nats-server TestLeafNodeDetectsStaleConnectionIfNoInfo: first_info_timeout, 1 s by default.
        hub = RawClient.over(fakeHub.accept());
        assertThat(hub.expectClosed(Duration.ofSeconds(3))).isEmpty();
        try (RawClient again = RawClient.over(fakeHub.accept())) {
            again.send(HUB_INFO);
            assertThat(again.expectLineStartingWith("CONNECT {")).contains("\"name\":\"SPOKE1\"");
        }
    }

    @Test
    void dialsTheUrlsAHubGossipsWithTheConfiguredCredentials() throws Exception {
        try (ServerSocket secondHub = new ServerSocket(0)) {
            secondHub.setSoTimeout((int) WAIT.toMillis());
            hub = RawClient.over(fakeHub.accept());
            // The first hub names a second one in leafnode_urls, then goes away before CONNECT is answered.
            hub.send(HUB_INFO.replace("\"127.0.0.1:1\"", "\"127.0.0.1:" + secondHub.getLocalPort() + "\""));
            hub.expectLineStartingWith("CONNECT {");
            hub.close();
            hub = null;
            try (RawClient second = RawClient.over(secondHub.accept())) {
                second.send(HUB_INFO);
                JsonNode connect = new ObjectMapper().readTree(
                        second.expectLineStartingWith("CONNECT {").substring("CONNECT ".length()));
                assertThat(connect.path("user").asText()).isEqualTo("leaf");
                assertThat(connect.path("pass").asText()).isEqualTo("s3cr3t");
            }
        }
    }

    @Test
    void aHubSendingGarbageIsDroppedWithNatsServersErrorWhileLocalClientsCarryOn() throws Exception {
        handshake();
        assertThat(next()).startsWith("LS+ $LDS.");
        try (Connection client = client()) {
            Subscription local = client.subscribe("still.local");
            client.flush(WAIT);
            assertThat(next()).isEqualTo("LS+ still.local");
            hub.send("FOO BAR\r\n");
            assertThat(next()).isEqualTo("-ERR 'Unknown Protocol Operation'");
            hub.expectClosed(WAIT);

            client.publish("still.local", new byte[] {7});
            assertThat(local.nextMessage(WAIT).getData()).containsExactly(7);
            // ... and it dials again, with its interest.
            hub = RawClient.over(fakeHub.accept());
            hub.send(HUB_INFO);
            hub.expectLineStartingWith("CONNECT {");
            hub.send(CONNECT_INFO);
            assertThat(java.util.stream.Stream.of(next(), next()).toList())
                    .anyMatch(line -> line.equals("LS+ still.local"));
        }
    }

    @Test
    void aMessageOverMaxPayloadEndsTheLink() throws Exception {
        handshake();
        assertThat(next()).startsWith("LS+ $LDS.");
        hub.send("LMSG big 2000000\r\n");
        assertThat(next()).isEqualTo("-ERR 'Maximum Payload Violation'");
        hub.expectClosed(WAIT);
    }
}
