package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.transport.websocket.WebSocketDial;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawWebSocket;
import io.wirehub.testkit.internal.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaf connections over WebSocket ({@code /leafnode} on the websocket listener), side by side
 * with a real nats-server 2.9.10: it as the spoke dialling Wirehub's websocket port, it as the hub
 * Wirehub dials with a {@code ws://} remote, and the refusal when the hub has no leafnodes port.
 */
class LeafWebSocketTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    private static Wirehub wirehubHub(String leafAuthorization) throws Exception {
        return wirehubHub(leafAuthorization, "");
    }

    private static Wirehub wirehubHub(String leafAuthorization, String webSocketExtra) throws Exception {
        int leafPort = LeafHubFixture.freePort();
        return LeafHubFixture.startWirehub("server_name: WHUB\nhttp: \"127.0.0.1:-1\"\n"
                + "websocket { listen: \"127.0.0.1:-1\", no_tls: true" + webSocketExtra + " }\n"
                + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\"" + leafAuthorization + " }\n");
    }

    @Test
    void aNatsServerSpokeJoinsWirehubOverWebSocket() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        Wirehub hub = wirehubHub(", authorization { user: leaf, password: s3cr3t }");
        try (hub;
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE9\nleafnodes { remotes [ { urls: "
                     + "[\"ws://leaf:s3cr3t@127.0.0.1:" + hub.webSocketPort() + "\"] } ] }\n", true);
             Connection onHub = connect(hub.clientUrl());
             Connection onSpoke = connect(spoke.url())) {
            JsonNode leafz = HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the nats-server spoke to join Wirehub over WebSocket");
            assertThat(leafz.path("leafs").get(0).path("name").asText()).isEqualTo("SPOKE9");
            assertThat(leafz.path("leafs").get(0).path("is_spoke").asBoolean()).isFalse();
            HttpGet.jsonUntil(spoke.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the spoke to see its hub");
            trafficBothWays(onHub, onSpoke);
        }
    }

    @Test
    void aNatsServerSpokeWithoutMaskingIsAccepted() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        Wirehub hub = wirehubHub("");
        try (hub;
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE8\nleafnodes { remotes [ { urls: "
                     + "[\"ws://127.0.0.1:" + hub.webSocketPort() + "\"], ws_no_masking: true } ] }\n", true);
             Connection onHub = connect(hub.clientUrl());
             Connection onSpoke = connect(spoke.url())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the unmasking nats-server spoke to join Wirehub");
            trafficBothWays(onHub, onSpoke);
        }
    }

    @Test
    void aSpokeWithTheWrongPasswordIsRefusedOverWebSocket() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        Wirehub hub = wirehubHub(", authorization { user: leaf, password: s3cr3t }");
        try (hub;
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE7\nleafnodes { remotes [ { urls: "
                     + "[\"ws://leaf:wrong@127.0.0.1:" + hub.webSocketPort() + "\"] } ] }\n", true)) {
            Await.until(WAIT, () -> spoke.log().contains("Authorization Violation"),
                    "the spoke to be told 'Authorization Violation' over WebSocket");
            assertThat(HttpGet.get(hub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
        }
    }

    @Test
    void wirehubDialsANatsServerHubOverWebSocket() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        natsServerHub("", "");
    }

    @Test
    void wirehubDialsANatsServerHubWithoutMaskingAndWithCompression() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        natsServerHub(", compression: true", ", ws_no_masking: true, ws_compression: true");
    }

    /** A wrong password in a ws:// URL: the nats-server hub refuses each try, Wirehub keeps dialling. */
    @Test
    void wirehubWithAWrongPasswordIsRefusedByANatsServerHubAndRetries() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        try (NatsServerProcess hub = NatsServerProcess.start("server_name: HUB3\n"
                + "websocket { listen: \"127.0.0.1:-1\", no_tls: true }\n"
                + "leafnodes { listen: \"127.0.0.1:" + LeafHubFixture.freePort() + "\", authorization { user: leaf,"
                + " password: s3cr3t } }\n", true)) {
            int wsPort = Await.value(WAIT, hub::webSocketPort, p -> p > 0, "the hub's websocket port");
            try (Wirehub spoke = LeafHubFixture.startWirehub("server_name: SPOKE3\nhttp: \"127.0.0.1:-1\"\n"
                    + "leafnodes { reconnect: \"100ms\", remotes [ { urls: [\"ws://leaf:wrong@127.0.0.1:" + wsPort
                    + "\"] } ] }\n")) {
                Await.until(WAIT, () -> hub.log().split("authentication error", -1).length > 2,
                        "the hub to refuse Wirehub's wrong password twice (Wirehub dials again)");
                assertThat(HttpGet.get(hub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
                assertThat(HttpGet.get(spoke.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
            }
        }
    }

    private static void natsServerHub(String hubWebSocketExtra, String remoteExtra) throws Exception {
        int leafPort = LeafHubFixture.freePort();
        try (NatsServerProcess hub = NatsServerProcess.start("server_name: HUB1\n"
                + "websocket { listen: \"127.0.0.1:-1\", no_tls: true " + hubWebSocketExtra + " }\n"
                + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n", true)) {
            int wsPort = Await.value(WAIT, hub::webSocketPort, p -> p > 0, "the hub's websocket port");
            try (Wirehub spoke = LeafHubFixture.startWirehub("server_name: SPOKE1\nhttp: \"127.0.0.1:-1\"\n"
                    + "leafnodes { reconnect: \"100ms\", remotes [ { urls: [\"ws://127.0.0.1:" + wsPort + "\"]"
                    + remoteExtra + " } ] }\n");
                 Connection onHub = connect(hub.url());
                 Connection onSpoke = connect(spoke.clientUrl())) {
                JsonNode leafz = HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz",
                        j -> j.path("leafnodes").asInt() == 1, "Wirehub to join the nats-server hub over WebSocket");
                // 2.9.10's /leafz has no name: the bound account and the link's interest show it is Wirehub's.
                assertThat(leafz.path("leafs").get(0).path("account").asText()).isEqualTo("$G");
                HttpGet.jsonUntil(spoke.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                        "Wirehub to see its hub");
                trafficBothWays(onHub, onSpoke);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "masked | '' | ''",
        "without masking, with compression | ', compression: true' | ', ws_no_masking: true, ws_compression: true'"})
    void wirehubJoinsWirehubOverWebSocket(String how, String listenerOptions, String remoteOptions) throws Exception {
        Wirehub hub = wirehubHub("", listenerOptions);
        try (hub;
             Wirehub spoke = LeafHubFixture.startWirehub("server_name: WSPOKE\nhttp: \"127.0.0.1:-1\"\n"
                     + "leafnodes { reconnect: \"100ms\", remotes [ { urls: [\"ws://127.0.0.1:" + hub.webSocketPort()
                     + "\"]" + remoteOptions + " } ] }\n");
             Connection onHub = connect(hub.clientUrl());
             Connection onSpoke = connect(spoke.clientUrl())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the Wirehub spoke to join the Wirehub hub over WebSocket, " + how);
            trafficBothWays(onHub, onSpoke);
        }
    }

    /** wss both ways: TLS on the websocket listener, the remote's tls { ca_file } to trust it. */
    @Test
    void leafsCrossWssWithNatsServerOnEitherSide(@TempDir Path dir) throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        TestCertificates certs = TestCertificates.create(dir);
        String listenerTls = "tls { cert_file: \"" + certs.serverCert() + "\", key_file: \"" + certs.serverKey()
                + "\" }";
        String remoteTls = "tls { ca_file: \"" + certs.caCert() + "\" }";
        // Wirehub hub, nats-server spoke.
        int leafPort = LeafHubFixture.freePort();
        try (Wirehub hub = LeafHubFixture.startWirehub("server_name: WHUB\nhttp: \"127.0.0.1:-1\"\n"
                     + "websocket { listen: \"127.0.0.1:-1\", " + listenerTls + " }\n"
                     + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n");
             NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE5\nleafnodes { remotes [ { urls: "
                     + "[\"wss://127.0.0.1:" + hub.webSocketPort() + "\"], " + remoteTls + " } ] }\n", true);
             Connection onHub = connect(hub.clientUrl());
             Connection onSpoke = connect(spoke.url())) {
            HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                    "the nats-server spoke to join Wirehub over wss");
            trafficBothWays(onHub, onSpoke);
        }
        // nats-server hub, Wirehub spoke.
        try (NatsServerProcess hub = NatsServerProcess.start("server_name: HUB2\n"
                + "websocket { listen: \"127.0.0.1:-1\", " + listenerTls + " }\n"
                + "leafnodes { listen: \"127.0.0.1:" + LeafHubFixture.freePort() + "\" }\n", true)) {
            int wsPort = Await.value(WAIT, hub::webSocketPort, p -> p > 0, "the hub's websocket port");
            try (Wirehub spoke = LeafHubFixture.startWirehub("server_name: SPOKE2\nhttp: \"127.0.0.1:-1\"\n"
                    + "leafnodes { reconnect: \"100ms\", remotes [ { urls: [\"wss://127.0.0.1:" + wsPort + "\"], "
                    + remoteTls + " } ] }\n");
                 Connection onHub = connect(hub.url());
                 Connection onSpoke = connect(spoke.clientUrl())) {
                HttpGet.jsonUntil(hub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                        "Wirehub to join the nats-server hub over wss");
                trafficBothWays(onHub, onSpoke);
            }
        }
    }

    /**
     * /leafnode on a server without a leafnodes port: nats-server answers the upgrade (101) and
     * then closes the connection without a byte more; Wirehub must do the same, and a real spoke
     * must never get to join.
     */
    @Test
    void leafnodePathWithoutLeafnodesIsClosedAsNatsServerDoes() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        try (NatsServerProcess nats = NatsServerProcess.start("websocket { listen: \"127.0.0.1:-1\", no_tls: true }\n",
                     true);
             Wirehub wirehub = LeafHubFixture.startWirehub("server_name: WNOLEAF\nhttp: \"127.0.0.1:-1\"\n"
                     + "websocket { listen: \"127.0.0.1:-1\", no_tls: true }\n")) {
            int natsWs = Await.value(WAIT, nats::webSocketPort, p -> p > 0, "nats-server's websocket port");
            String fromNats = afterLeafUpgrade(natsWs);
            String fromWirehub = afterLeafUpgrade(wirehub.webSocketPort());
            assertThat(fromNats).isEqualTo("101 then closed with nothing more");
            assertThat(fromWirehub).isEqualTo(fromNats);

            // A real spoke dialling it never joins, and the server stays up for clients.
            try (NatsServerProcess spoke = NatsServerProcess.start("server_name: SPOKE6\nleafnodes { remotes [ { urls: "
                    + "[\"ws://127.0.0.1:" + wirehub.webSocketPort() + "\"] } ] }\n", true)) {
                // What a 2.9.10 spoke logs against a nats-server without leafnodes, too.
                Await.until(WAIT, () -> spoke.log().contains("Leafnode connection closed: Client Closed"),
                        "the spoke to see its connection closed");
                assertThat(HttpGet.get(wirehub.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
                assertThat(HttpGet.get(spoke.monitoringUrl() + "/leafz").json().path("leafnodes").asInt()).isZero();
            }
            try (Connection client = connect(wirehub.clientUrl())) {
                assertThat(client.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    /**
     * The spoke's upgrade request (ws_no_masking, ws_compression) gets the same answer from
     * Wirehub's websocket listener as from nats-server's: no masking and compression granted when
     * asked and enabled, neither when not asked.
     */
    @Test
    void theLeafUpgradeNegotiatesAsWithNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        int leafPort = LeafHubFixture.freePort();
        String ws = "websocket { listen: \"127.0.0.1:-1\", no_tls: true, compression: true }\n";
        try (NatsServerProcess nats = NatsServerProcess.start(ws + "leafnodes { listen: \"127.0.0.1:"
                     + LeafHubFixture.freePort() + "\" }\n", false);
             Wirehub wirehub = LeafHubFixture.startWirehub(ws + "leafnodes { listen: \"127.0.0.1:" + leafPort
                     + "\" }\n")) {
            int natsWs = Await.value(WAIT, nats::webSocketPort, p -> p > 0, "nats-server's websocket port");
            for (boolean ask : new boolean[] {true, false}) {
                WebSocketDial.Upgraded fromNats = dial(natsWs, ask);
                assertThat(fromNats).isEqualTo(new WebSocketDial.Upgraded(ask, ask));
                assertThat(dial(wirehub.webSocketPort(), ask)).isEqualTo(fromNats);
            }
        }
    }

    private static WebSocketDial.Upgraded dial(int port, boolean ask) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            return WebSocketDial.upgrade(socket.getInputStream(), socket.getOutputStream(), "127.0.0.1:" + port,
                    "/leafnode", ask, ask);
        }
    }

    /**
     * A raw spoke over /leafnode, byte for byte against nats-server as the hub: the leaf INFO in a
     * binary frame, then for a wrong password the same -ERR and the same close frame (1008 with
     * nats-server's name for the reason).
     */
    @Test
    void aRawSpokeIsRefusedOverWebSocketAsByNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String ws = "websocket { listen: \"127.0.0.1:-1\", no_tls: true }\n";
        String leaf = ", authorization { user: leaf, password: s3cr3t } }\n";
        try (NatsServerProcess nats = NatsServerProcess.start(ws + "leafnodes { listen: \"127.0.0.1:"
                     + LeafHubFixture.freePort() + "\"" + leaf, false);
             Wirehub wirehub = LeafHubFixture.startWirehub(ws + "leafnodes { listen: \"127.0.0.1:"
                     + LeafHubFixture.freePort() + "\"" + leaf)) {
            int natsWs = Await.value(WAIT, nats::webSocketPort, p -> p > 0, "nats-server's websocket port");
            String fromNats = wrongPassword(natsWs);
            assertThat(fromNats).isEqualTo("INFO leaf -ERR 'Authorization Violation' close 1008 Authentication Failure");
            assertThat(wrongPassword(wirehub.webSocketPort())).isEqualTo(fromNats);
            String silentAtNats = noConnect(natsWs);
            assertThat(silentAtNats).isEqualTo("-ERR 'Authentication Timeout' close 1008 Authentication Timeout");
            assertThat(noConnect(wirehub.webSocketPort())).isEqualTo(silentAtNats);
        }
    }

    /** What a spoke that never sends CONNECT reads after the INFO (the hub's 2 s auth timeout). */
    private static String noConnect(int port) {
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", port)) {
            assertThat(ws.upgrade(RawWebSocket.standardRequest("127.0.0.1:" + port)
                    .replaceFirst("GET / ", "GET /leafnode ")).status()).isEqualTo(101);
            assertThat(ws.readNatsLine()).startsWith("INFO ");
            String error = ws.readNatsLine();
            RawWebSocket.Frame close = ws.expectClose();
            return error + " close " + close.closeCode() + " " + close.closeReason();
        }
    }

    /** What a spoke with a wrong password reads: INFO (with leafnode_urls), the -ERR, the close frame. */
    private static String wrongPassword(int port) {
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", port)) {
            RawWebSocket.HttpAnswer answer = ws.upgrade(RawWebSocket.standardRequest("127.0.0.1:" + port)
                    .replaceFirst("GET / ", "GET /leafnode "));
            assertThat(answer.status()).isEqualTo(101);
            String info = ws.readNatsLine();
            assertThat(info).startsWith("INFO ");
            ws.sendNats("CONNECT {\"user\":\"leaf\",\"pass\":\"wrong\",\"name\":\"RAW\",\"headers\":true}\r\n");
            String error = ws.readNatsLine();
            RawWebSocket.Frame close = ws.expectClose();
            return "INFO " + (info.contains("\"leafnode_urls\"") ? "leaf " : "not-leaf ") + error + " close "
                    + close.closeCode() + " " + close.closeReason();
        }
    }

    /** Upgrades to /leafnode and describes what follows: the status, then what the server sends. */
    private static String afterLeafUpgrade(int port) throws IOException {
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", port)) {
            RawWebSocket.HttpAnswer answer = ws.upgrade(RawWebSocket.standardRequest("127.0.0.1:" + port)
                    .replaceFirst("GET / ", "GET /leafnode "));
            InputStream in = ws.input();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    rest.write(b);
                    if (System.nanoTime() > deadline) {
                        return answer.status() + " then kept open after " + rest.size() + " bytes";
                    }
                }
            } catch (SocketTimeoutException e) {
                return answer.status() + " then kept open after " + rest.size() + " bytes";
            } catch (IOException e) {
                // a reset closes it too
            }
            return answer.status() + (rest.size() == 0 ? " then closed with nothing more"
                    : " then closed after " + rest.size() + " bytes");
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).noReconnect().build());
    }

    /** Plain and wildcard messages both ways, a queue group on each side, request-reply both ways. */
    private static void trafficBothWays(Connection onHub, Connection onSpoke) throws Exception {
        Subscription fromSpoke = onHub.subscribe("to.hub");
        Subscription fromHub = onSpoke.subscribe("to.spoke.*");
        Subscription spokeWorker = onSpoke.subscribe("jobs.down", "workers");
        Subscription hubWorker = onHub.subscribe("jobs.up", "workers");
        Dispatcher spokeService = onSpoke.createDispatcher(m -> onSpoke.publish(m.getReplyTo(),
                ("spoke:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        spokeService.subscribe("svc.spoke");
        Dispatcher hubService = onHub.createDispatcher(m -> onHub.publish(m.getReplyTo(),
                ("hub:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        hubService.subscribe("svc.hub", "svc");
        LeafHubFixture.awaitInterest(onSpoke, onHub);
        LeafHubFixture.awaitInterest(onHub, onSpoke);

        onSpoke.publish("to.hub", "up".getBytes(StandardCharsets.UTF_8));
        onHub.publish("to.spoke.x", "down".getBytes(StandardCharsets.UTF_8));
        onHub.publish("jobs.down", "job1".getBytes(StandardCharsets.UTF_8));
        onSpoke.publish("jobs.up", "job2".getBytes(StandardCharsets.UTF_8));

        assertThat(text(fromSpoke.nextMessage(WAIT))).isEqualTo("up");
        Message down = fromHub.nextMessage(WAIT);
        assertThat(down.getSubject()).isEqualTo("to.spoke.x");
        assertThat(text(down)).isEqualTo("down");
        assertThat(text(spokeWorker.nextMessage(WAIT))).isEqualTo("job1");
        assertThat(text(hubWorker.nextMessage(WAIT))).isEqualTo("job2");

        assertThat(text(onHub.request("svc.spoke", "ping".getBytes(StandardCharsets.UTF_8), WAIT)))
                .isEqualTo("spoke:ping");
        assertThat(text(onSpoke.request("svc.hub", "ping".getBytes(StandardCharsets.UTF_8), WAIT)))
                .isEqualTo("hub:ping");

        // A larger message than one frame of a browser and than the readers' chunk: it must arrive whole.
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        onSpoke.publish("to.hub", big);
        assertThat(fromSpoke.nextMessage(WAIT).getData()).isEqualTo(big);
        onHub.publish("to.spoke.big", big);
        assertThat(fromHub.nextMessage(WAIT).getData()).isEqualTo(big);
    }

    private static String text(Message message) {
        assertThat(message).as("a message within " + WAIT).isNotNull();
        return new String(message.getData(), StandardCharsets.UTF_8);
    }
}
