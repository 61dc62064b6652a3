package io.wirehub.server.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.TestCertificates;
import io.wirehub.testkit.internal.TestTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real WebSocket clients against Wirehub: jnats over ws:// and wss://, the JDK's
 * java.net.http WebSocket, and npm nats.ws in Node, each talking to a TCP client through the
 * same server.
 */
class WebSocketClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void jnatsOverWebSocketTalksToATcpClient() throws Exception {
        try (Wirehub server = WebSocketServers.start();
             Connection ws = Nats.connect(new Options.Builder().server(server.webSocketUrl()).maxReconnects(0).build());
             Connection tcp = Nats.connect(server.clientUrl())) {
            assertThat(server.webSocketUrl()).startsWith("ws://127.0.0.1:");
            Subscription sub = ws.subscribe("ws.in");
            ws.flush(WAIT);
            tcp.publish("ws.in", "to websocket".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("to websocket");

            Dispatcher echo = ws.createDispatcher(msg -> ws.publish(msg.getReplyTo(), msg.getData()));
            echo.subscribe("ws.echo");
            ws.flush(WAIT);
            byte[] big = new byte[700 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i % 251);
            }
            assertThat(tcp.request("ws.echo", big, WAIT).getData()).isEqualTo(big);

            JsonNode connz = HttpGet.jsonUntil(server.monitoringUrl() + "/connz",
                    c -> c.path("connections").size() == 2, "two connections");
            assertThat(connz.path("connections").findValuesAsText("type")).contains("websocket", "nats");
        }
    }

    @Test
    void jnatsOverSecureWebSocket() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TlsConfig tls = TlsConfig.OFF.withCertificate(certs.serverCert(), certs.serverKey());
        try (Wirehub server = WebSocketServers.start(ws -> ws.withTls(tls), b -> b);
             Connection wss = Nats.connect(new Options.Builder().server(server.webSocketUrl())
                     .sslContext(certs.clientContext(null)).maxReconnects(0).build());
             Connection tcp = Nats.connect(server.clientUrl())) {
            assertThat(server.webSocketUrl()).startsWith("wss://");
            Subscription sub = wss.subscribe("wss.in");
            wss.flush(WAIT);
            tcp.publish("wss.in", "secret".getBytes(StandardCharsets.UTF_8));
            assertThat(sub.nextMessage(WAIT).getData()).asString(StandardCharsets.UTF_8).isEqualTo("secret");
        }
    }

    @Test
    void jdkWebSocketClientSpeaksNatsInBinaryFrames() throws Exception {
        try (Wirehub server = WebSocketServers.start(); Connection tcp = Nats.connect(server.clientUrl())) {
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuilder partial = new StringBuilder();
            CompletableFuture<String> textFrame = new CompletableFuture<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                    partial.append(StandardCharsets.UTF_8.decode(data));
                    int end;
                    while ((end = partial.indexOf("\r\n")) >= 0) {
                        lines.add(partial.substring(0, end));
                        partial.delete(0, end + 2);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    textFrame.complete(data.toString());
                    return null;
                }
            };
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create(server.webSocketUrl()), listener).get(10, TimeUnit.SECONDS);
            assertThat(lines.poll(10, TimeUnit.SECONDS)).startsWith("INFO {");
            // An op split across two frames, as the byte stream allows.
            ws.sendBinary(ByteBuffer.wrap("CONNECT {\"verbose\":false}\r\nSUB jdk.in 1\r\nPI"
                    .getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap("NG\r\n".getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            tcp.publish("jdk.in", "from tcp".getBytes(StandardCharsets.UTF_8));
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("MSG jdk.in 1 8");
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("from tcp");
            // Text frames are accepted from clients too.
            ws.sendText("PING\r\n", true).get(10, TimeUnit.SECONDS);
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            assertThat(textFrame).as("the server sends binary frames only").isNotDone();
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void npmNatsWsInNode() throws Exception {
        Path node = TestTools.require("node", "/usr/bin/node", "/usr/local/bin/node");
        Path scripts = Path.of("src/test/node").toAbsolutePath();
        if (!Files.isDirectory(scripts.resolve("node_modules/nats.ws"))) {
            String message = "npm nats.ws is not installed in " + scripts + " (./run-tests installs it)";
            if (TestTools.required()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        try (Wirehub server = WebSocketServers.start(ws -> ws.withCompression(true), b -> b);
             Connection tcp = Nats.connect(server.clientUrl())) {
            Subscription fromNode = tcp.subscribe("from.node");
            tcp.flush(WAIT);
            Process process = new ProcessBuilder(node.toString(), "ws-client.mjs", server.webSocketUrl())
                    .directory(scripts.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            JsonNode result = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{"))
                    .findFirst().orElseThrow(() -> new AssertionError("no result line: " + output)));
            assertThat(result.path("serverId").asText()).isEqualTo(server.serverId());
            assertThat(result.path("received")).extracting(JsonNode::asText).containsExactly("m0", "m1", "m2");
            assertThat(result.path("reply").asText()).isEqualTo("ping over websocket");
            assertThat(result.path("bigReplyLength").asInt()).isEqualTo(200 * 1024);
            Message m = fromNode.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello from node");
        }
    }
}
