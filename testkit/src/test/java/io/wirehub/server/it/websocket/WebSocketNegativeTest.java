package io.wirehub.server.it.websocket;

import static io.wirehub.testkit.internal.RawWebSocket.OP_BINARY;
import static io.wirehub.testkit.internal.RawWebSocket.OP_CLOSE;
import static io.wirehub.testkit.internal.RawWebSocket.OP_CONTINUATION;
import static io.wirehub.testkit.internal.RawWebSocket.OP_PING;
import static io.wirehub.testkit.internal.RawWebSocket.OP_PONG;
import static io.wirehub.testkit.internal.RawWebSocket.OP_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.AuthConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawWebSocket;
import io.wirehub.testkit.internal.RawWebSocket.Frame;
import io.wirehub.testkit.internal.RawWebSocket.HttpAnswer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 misbehaviour over real sockets, grouped as Autobahn's test suite groups its cases:
 * handshakes, framing, control frames, close handling, limits and fragmentation, compression.
 * Each gets the RFC's reaction (an HTTP error, or a close frame with the right code); the server
 * keeps serving a jnats client throughout (ATTACKS.md 6–10).
 */
class WebSocketNegativeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_PAYLOAD = 64 * 1024;

    static Wirehub server;
    static Connection bystander;
    static Subscription bystanderSub;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServers.start(
                ws -> ws.withCompression(true).withHandshakeTimeout(Duration.ofMillis(500)),
                b -> b.maxPayload(MAX_PAYLOAD));
        bystander = Nats.connect(server.clientUrl());
        bystanderSub = bystander.subscribe("bystander");
        bystander.flush(WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        // Whatever the attacks did, the TCP client is still served.
        bystander.publish("bystander", "still here".getBytes(StandardCharsets.UTF_8));
        assertThat(bystanderSub.nextMessage(WAIT)).isNotNull();
        bystander.close();
        server.close();
    }

    static RawWebSocket open() {
        return RawWebSocket.open("127.0.0.1", server.webSocketPort());
    }

    static String host() {
        return "127.0.0.1:" + server.webSocketPort();
    }

    /** A client past the upgrade and CONNECT, ready to misbehave. */
    static RawWebSocket connected(String... headers) {
        RawWebSocket ws = RawWebSocket.connect("127.0.0.1", server.webSocketPort(), headers);
        assertThat(ws.readNatsLine()).startsWith("INFO {");
        ws.sendNats("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
        assertThat(ws.readNatsLine()).isEqualTo("PONG");
        return ws;
    }

    static void assertClosedWith(RawWebSocket ws, int code) {
        Frame close = ws.expectClose();
        assertThat(close.closeCode()).as("close code (reason: %s)", close.closeReason()).isEqualTo(code);
    }

    @Nested
    class Handshake {
        private HttpAnswer answer(String request) {
            try (RawWebSocket ws = open()) {
                return ws.upgrade(request);
            }
        }

        @Test
        void wellFormedUpgradeGets101WithTheAcceptKeyAndNoSubprotocol() {
            try (RawWebSocket ws = open()) {
                HttpAnswer answer = ws.upgrade("GET /any/path HTTP/1.1\r\nHost: " + host() + "\r\n"
                        + "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: nats\r\n\r\n");
                assertThat(answer.status()).isEqualTo(101);
                assertThat(answer.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                assertThat(answer.header("Sec-WebSocket-Protocol")).isNull();
                assertThat(ws.readNatsLine()).startsWith("INFO {");
            }
        }

        @Test
        void methodOtherThanGetIs405() {
            assertThat(answer(RawWebSocket.standardRequest(host()).replaceFirst("GET", "POST")).status())
                    .isEqualTo(405);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version"})
        void missingRequiredHeaderIs400(String header) {
            String request = RawWebSocket.standardRequest(host()).replaceFirst(header + ": [^\r]*\r\n", "");
            assertThat(request).doesNotContain(header + ":");
            assertThat(answer(request).status()).isEqualTo(400);
        }

        @Test
        void otherVersionIs400NamingOurs() {
            HttpAnswer answer = answer(RawWebSocket.standardRequest(host())
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Sec-WebSocket-Version")).isEqualTo("13");
        }

        @Test
        void dataBeforeThe101Is400() {
            HttpAnswer answer = answer(RawWebSocket.standardRequest(host()) + "early");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("client sent data before handshake is complete");
        }

        @Test
        void endlessHeadersAreRefusedNotBuffered() {
            String huge = "X-Filler: " + "a".repeat(16 * 1024) + "\r\n";
            try (RawWebSocket ws = open()) {
                ws.send(RawWebSocket.standardRequest(host(), huge).getBytes(StandardCharsets.ISO_8859_1));
                HttpAnswer refused = ws.upgrade("");
                assertThat(refused.status()).isEqualTo(431);
            }
        }

        @Test
        void aHandshakeThatNeverCompletesIsCutAtTheTimeoutAndIsNoClient() {
            long connectionsBefore = server.stats().totalConnections();
            try (RawWebSocket ws = open()) {
                ws.send("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                long started = System.nanoTime();
                ws.expectEndOfStream();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            }
            assertThat(server.stats().totalConnections()).as("failed upgrades are not clients")
                    .isEqualTo(connectionsBefore);
        }
    }

    @Nested
    class Origins {
        @Test
        void sameOriginAndAllowedOriginsAreEnforcedWhenABrowserSendsOrigin() throws Exception {
            try (Wirehub strict = WebSocketServers.start(ws -> ws.withOrigins(true, List.of()), b -> b);
                 Wirehub listed = WebSocketServers.start(
                         ws -> ws.withOrigins(false, List.of("https://app.example.com")), b -> b)) {
                String strictHost = "127.0.0.1:" + strict.webSocketPort();
                assertThat(upgrade(strict, RawWebSocket.standardRequest(strictHost, "Origin: http://" + strictHost)))
                        .isEqualTo(101);
                assertThat(upgrade(strict, RawWebSocket.standardRequest(strictHost, "Origin: http://evil.example")))
                        .as("cross-site WebSocket hijacking").isEqualTo(403);
                assertThat(upgrade(strict, RawWebSocket.standardRequest(strictHost)))
                        .as("no Origin: not a browser, nothing to check").isEqualTo(101);
                String listedHost = "127.0.0.1:" + listed.webSocketPort();
                assertThat(upgrade(listed, RawWebSocket.standardRequest(listedHost,
                        "Origin: https://app.example.com"))).isEqualTo(101);
                assertThat(upgrade(listed, RawWebSocket.standardRequest(listedHost,
                        "Origin: http://app.example.com"))).as("scheme counts").isEqualTo(403);
            }
        }

        private int upgrade(Wirehub target, String request) {
            try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", target.webSocketPort())) {
                return ws.upgrade(request).status();
            }
        }
    }

    @Nested
    class Framing {
        @Test
        void unmaskedClientFrameIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_BINARY, false, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void unmaskedFramesAreFineAfterNatsNoMasking() {
            try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", server.webSocketPort())) {
                HttpAnswer answer = ws.upgrade(RawWebSocket.standardRequest(host(), "Nats-No-Masking: true"));
                assertThat(answer.status()).isEqualTo(101);
                assertThat(answer.header("Nats-No-Masking")).isEqualTo("true");
                assertThat(ws.readNatsLine()).startsWith("INFO {");
                ws.sendFrame(true, 0, OP_BINARY, false,
                        "CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(ws.readNatsLine()).isEqualTo("PONG");
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0x20, 0x10})
        void reservedBitsAre1002(int rsv) {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, rsv, OP_BINARY, true, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void rsv1WithoutNegotiatedCompressionIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0x40, OP_BINARY, true, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWith(ws, 1002);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0x3, 0x7, 0xB, 0xF})
        void reservedOpcodesAre1002(int opcode) {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, opcode, true, new byte[0]);
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void sixtyFourBitLengthWithTheTopBitSetIs1002NotANegativeNumber() {
            try (RawWebSocket ws = connected()) {
                ws.send(RawWebSocket.frame(true, 0, OP_BINARY, true, new byte[0], Long.MIN_VALUE + 5));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void lengthOverTheMessageCapIs1009BeforeAnyPayloadArrives() {
            try (RawWebSocket ws = connected()) {
                ws.send(RawWebSocket.frame(true, 0, OP_BINARY, true, new byte[0], 1L << 40));
                assertClosedWith(ws, 1009);
            }
        }
    }

    @Nested
    class ControlFrames {
        @Test
        void pingIsAnsweredWithPongCarryingTheSamePayload() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_PING, true, "are you there".getBytes(StandardCharsets.UTF_8));
                Frame pong = ws.readFrame();
                assertThat(pong.opcode()).isEqualTo(OP_PONG);
                assertThat(pong.text()).isEqualTo("are you there");
                // An unsolicited PONG is ignored; the NATS session goes on.
                ws.sendFrame(true, 0, OP_PONG, true, new byte[3]);
                ws.sendNats("PING\r\n");
                assertThat(ws.readNatsLine()).isEqualTo("PONG");
            }
        }

        @Test
        void controlFrameOver125BytesIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_PING, true, new byte[126]);
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void fragmentedControlFrameIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(false, 0, OP_PING, true, new byte[2]);
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void controlFramesMayArriveBetweenFragments() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(false, 0, OP_BINARY, true, "PI".getBytes(StandardCharsets.US_ASCII));
                ws.sendFrame(true, 0, OP_PING, true, "x".getBytes(StandardCharsets.US_ASCII));
                ws.sendFrame(true, 0, OP_CONTINUATION, true, "NG\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(ws.readFrame().opcode()).isEqualTo(OP_PONG);
                assertThat(ws.readNatsLine()).isEqualTo("PONG");
            }
        }
    }

    @Nested
    class Closing {
        @ParameterizedTest
        @ValueSource(ints = {1000, 1001, 3000, 4999})
        void validCloseIsEchoedAndTheConnectionEnds(int code) {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_CLOSE, true, closePayload(code, "bye".getBytes(StandardCharsets.UTF_8)));
                Frame echo = ws.expectClose();
                assertThat(echo.closeCode()).isEqualTo(code);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
        void invalidCloseCodeIs1002(int code) {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_CLOSE, true, closePayload(code, new byte[0]));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void oneByteClosePayloadIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_CLOSE, true, new byte[] {3});
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void nonUtf8CloseReasonIs1007() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_CLOSE, true, closePayload(1000, new byte[] {(byte) 0xC3, (byte) 0x28}));
                assertClosedWith(ws, 1007);
            }
        }

        @Test
        void serverClosesWithTheReasonsCodeAndText() throws Exception {
            // Protocol error: 1002 with nats-server's /connz text.
            try (RawWebSocket ws = connected()) {
                ws.sendNats("FOO BAR\r\n");
                assertThat(ws.readNatsLine()).startsWith("-ERR 'Unknown Protocol Operation'");
                Frame close = ws.expectClose();
                assertThat(close.closeCode()).isEqualTo(1002);
                assertThat(close.closeReason()).isEqualTo("Protocol Violation");
            }
            // Max payload: 1009.
            try (RawWebSocket ws = connected()) {
                ws.sendNats("PUB too.big " + (MAX_PAYLOAD + 1) + "\r\n");
                assertThat(ws.readNatsLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
                assertClosedWith(ws, 1009);
            }
            // Authentication timeout: 1008.
            try (Wirehub secured = WebSocketServers.start(ws -> ws,
                    b -> b.authorization(AuthConfig.NONE.withToken("s3cret")).authTimeout(Duration.ofMillis(300)));
                 RawWebSocket ws = RawWebSocket.connect("127.0.0.1", secured.webSocketPort())) {
                assertThat(ws.readNatsLine()).startsWith("INFO {");
                assertThat(ws.readNatsLine()).isEqualTo("-ERR 'Authentication Timeout'");
                Frame close = ws.expectClose();
                assertThat(close.closeCode()).isEqualTo(1008);
                assertThat(close.closeReason()).isEqualTo("Authentication Timeout");
            }
            // Shutdown: 1001.
            Wirehub stopping = WebSocketServers.start();
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", stopping.webSocketPort())) {
                assertThat(ws.readNatsLine()).startsWith("INFO {");
                ws.sendNats("CONNECT {\"verbose\":false}\r\nPING\r\n");
                assertThat(ws.readNatsLine()).isEqualTo("PONG");
                stopping.close();
                assertClosedWith(ws, 1001);
            }
        }

        private static byte[] closePayload(int code, byte[] reason) {
            byte[] payload = new byte[2 + reason.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(reason, 0, payload, 2, reason.length);
            return payload;
        }
    }

    @Nested
    class Fragmentation {
        @Test
        void continuationWithoutAStartIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(true, 0, OP_CONTINUATION, true, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void newDataFrameInsideAFragmentedMessageIs1002() {
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(false, 0, OP_BINARY, true, "PI".getBytes(StandardCharsets.US_ASCII));
                ws.sendFrame(true, 0, OP_TEXT, true, "NG\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWith(ws, 1002);
            }
        }

        @Test
        void thousandsOfOneByteFragmentsMakeOneMessage() {
            String op = "PUB frag.test 4000\r\n" + "z".repeat(4000) + "\r\nPING\r\n";
            byte[] bytes = op.getBytes(StandardCharsets.US_ASCII);
            try (RawWebSocket ws = connected()) {
                ws.sendNats("SUB frag.test 1\r\n");
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int i = 0; i < bytes.length; i++) {
                    all.writeBytes(RawWebSocket.frame(i == bytes.length - 1, 0, i == 0 ? OP_BINARY : OP_CONTINUATION,
                            true, new byte[] {bytes[i]}, 1));
                }
                ws.send(all.toByteArray());
                assertThat(ws.readNatsLine()).isEqualTo("MSG frag.test 1 4000");
                assertThat(ws.readNatsLine()).isEqualTo("z".repeat(4000));
                assertThat(ws.readNatsLine()).isEqualTo("PONG");
            }
        }

        @Test
        void tinyFragmentsAddingUpPastTheMessageCapAre1009() {
            try (RawWebSocket ws = connected()) {
                // Valid NATS all the way (16 bytes: one small PUB), so only the size cap can stop it.
                byte[] chunk = "PUB f 5\r\nabcde\r\n".getBytes(StandardCharsets.US_ASCII);
                assertThat(chunk).hasSize(16);
                ByteArrayOutputStream flood = new ByteArrayOutputStream();
                flood.writeBytes(RawWebSocket.frame(false, 0, OP_BINARY, true, chunk, chunk.length));
                // Past max_payload plus the batch room (128 KiB), in 16-byte fragments, never finished.
                int fragments = (MAX_PAYLOAD + 256 * 1024) / chunk.length;
                for (int i = 0; i < fragments; i++) {
                    flood.writeBytes(RawWebSocket.frame(false, 0, OP_CONTINUATION, true, chunk, chunk.length));
                }
                ws.send(flood.toByteArray());
                assertClosedWith(ws, 1009);
            }
        }
    }

    @Nested
    class Compression {
        @Test
        void compressedMessagesInflateAndRepliesAreCompressed() {
            try (RawWebSocket ws = deflateClient()) {
                String big = "y".repeat(10_000);
                ws.sendFrame(true, 0x40, OP_BINARY, true, deflate(("SUB comp 1\r\nPUB comp " + big.length() + "\r\n"
                        + big + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII)));
                Frame frame = ws.readFrame();
                assertThat(frame.rsv1()).as("a large reply is compressed").isTrue();
                String text = new String(inflate(frame.payload()), StandardCharsets.US_ASCII);
                assertThat(text).startsWith("MSG comp 1 10000\r\n" + big);
            }
        }

        @Test
        void aDeflateBombIsStoppedWhileInflating() throws Exception {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long usedBefore = runtime.totalMemory() - runtime.freeMemory();
            try (RawWebSocket ws = deflateClient()) {
                // 20 MB of valid small PUBs (so only the size cap can stop it), deflated to about 40 KB:
                // 100 times the cap, and small enough to be written whole before the server closes.
                byte[] bomb = deflateRepeated("PUB b 5\r\nabcde\r\n".getBytes(StandardCharsets.US_ASCII),
                        20L * 1024 * 1024);
                assertThat(bomb.length).isLessThan(256 * 1024);
                ws.sendFrame(true, 0x40, OP_BINARY, true, bomb);
                assertClosedWith(ws, 1009);
            }
            long usedAfter = runtime.totalMemory() - runtime.freeMemory();
            assertThat(usedAfter - usedBefore).as("heap growth after the bomb").isLessThan(64L * 1024 * 1024);
        }

        @Test
        void corruptDeflateDataIs1007() {
            try (RawWebSocket ws = deflateClient()) {
                ws.sendFrame(true, 0x40, OP_BINARY, true, new byte[] {(byte) 0xff, (byte) 0xff, 0x13, 0x37});
                assertClosedWith(ws, 1007);
            }
        }

        private RawWebSocket deflateClient() {
            RawWebSocket ws = RawWebSocket.open("127.0.0.1", server.webSocketPort());
            HttpAnswer answer = ws.upgrade(RawWebSocket.standardRequest(host(),
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
            assertThat(answer.status()).isEqualTo(101);
            assertThat(answer.header("Sec-WebSocket-Extensions"))
                    .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
            Frame info = ws.readFrame();
            String infoText = info.rsv1() ? new String(inflate(info.payload()), StandardCharsets.US_ASCII) : info.text();
            assertThat(infoText).startsWith("INFO {");
            ws.sendFrame(true, 0, OP_BINARY, true, "CONNECT {\"verbose\":false}\r\n".getBytes(StandardCharsets.US_ASCII));
            return ws;
        }

        private static byte[] deflate(byte[] data) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
                out.write(buffer, 0, n);
            }
            deflater.end();
            byte[] bytes = out.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - 4); // without the 00 00 ff ff tail (RFC 7692)
        }

        private static byte[] deflateRepeated(byte[] unit, long total) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] zeros = new byte[(1 << 20) / unit.length * unit.length];
            for (int i = 0; i < zeros.length; i++) {
                zeros[i] = unit[i % unit.length];
            }
            byte[] buffer = new byte[64 * 1024];
            for (long fed = 0; fed < total; fed += zeros.length) {
                deflater.setInput(zeros);
                int n;
                while (!deflater.needsInput()) {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
                    out.write(buffer, 0, n);
                }
            }
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
                out.write(buffer, 0, n);
            }
            deflater.end();
            byte[] bytes = out.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - 4);
        }

        private static byte[] inflate(byte[] payload) {
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            byte[] input = Arrays.copyOf(payload, payload.length + 4);
            input[payload.length + 2] = (byte) 0xff;
            input[payload.length + 3] = (byte) 0xff;
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = inflater.inflate(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            } finally {
                inflater.end();
            }
            return out.toByteArray();
        }
    }

    @Test
    void attacksLeftTheServerServing() {
        Await.until(WAIT, () -> server.isRunning(), "server running");
        try (RawWebSocket ws = connected()) {
            ws.sendNats("PING\r\n");
            assertThat(ws.readNatsLine()).isEqualTo("PONG");
        }
    }
}
