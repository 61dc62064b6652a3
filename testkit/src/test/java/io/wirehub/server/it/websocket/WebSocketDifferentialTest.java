package io.wirehub.server.it.websocket;

import static io.wirehub.testkit.internal.RawWebSocket.OP_BINARY;
import static io.wirehub.testkit.internal.RawWebSocket.OP_PING;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawWebSocket;
import io.wirehub.testkit.internal.RawWebSocket.Frame;
import io.wirehub.testkit.internal.RawWebSocket.HttpAnswer;
import io.wirehub.testkit.internal.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same WebSocket upgrades and frames sent to Wirehub and to nats-server, given the same config
 * file: the HTTP statuses, the 101's headers, the answers to control frames and the close codes
 * must agree.
 */
class WebSocketDifferentialTest {
    private static final String CONFIG = """
            websocket {
              port: -1
              no_tls: true
              compression: true
              allowed_origins: ["http://localhost:3000"]
            }
            """;

    private static final java.util.Set<String> FRAME_ERRORS = java.util.Set.of("unmasked", "rsv2", "opcode 3",
            "ping 126", "fragmented ping");

    @TempDir
    static Path dir;
    static Wirehub wirehub;
    static NatsServerProcess nats;

    @BeforeAll
    static void start() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        Path file = dir.resolve("ws.conf");
        Files.writeString(file, CONFIG);
        ServerConfig config = ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build();
        wirehub = Wirehub.start(config.toBuilder().websocket(config.websocket().withAddress("127.0.0.1")).build());
        nats = NatsServerProcess.start(CONFIG.replace("port: -1", "host: 127.0.0.1\n  port: -1"));
    }

    @AfterAll
    static void stop() {
        if (wirehub != null) {
            wirehub.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    /** Runs the same probe against both servers; returns {wirehub result, nats-server result}. */
    private static <T> List<T> both(Function<Integer, T> probe) {
        return List.of(probe.apply(wirehub.webSocketPort()), probe.apply(nats.webSocketPort()));
    }

    private static String request(int port, String change) {
        String request = RawWebSocket.standardRequest("127.0.0.1:" + port);
        return switch (change) {
            case "ok" -> request;
            case "post" -> request.replaceFirst("GET", "POST");
            case "no upgrade" -> request.replace("Upgrade: websocket\r\n", "");
            case "no connection" -> request.replace("Connection: Upgrade\r\n", "");
            case "no key" -> request.replaceFirst("Sec-WebSocket-Key: [^\r]*\r\n", "");
            case "version 8" -> request.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
            case "foreign origin" -> request.replace("\r\n\r\n", "\r\nOrigin: http://evil.example\r\n\r\n");
            case "allowed origin" -> request.replace("\r\n\r\n", "\r\nOrigin: http://localhost:3000\r\n\r\n");
            case "subprotocol" -> request.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: nats\r\n\r\n");
            case "deflate" -> request.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
            case "no masking" -> request.replace("\r\n\r\n", "\r\nNats-No-Masking: true\r\n\r\n");
            default -> throw new IllegalArgumentException(change);
        };
    }

    @Test
    void upgradeAnswersAgree() {
        Map<String, List<String>> disagreements = new LinkedHashMap<>();
        for (String change : List.of("ok", "post", "no upgrade", "no connection", "no key", "version 8",
                "foreign origin", "allowed origin", "subprotocol", "deflate", "no masking")) {
            List<String> answers = both(port -> {
                try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", port)) {
                    HttpAnswer answer = ws.upgrade(request(port, change));
                    // The status and the headers that carry meaning; not Date, Content-Length or texts.
                    return answer.status() + " upgrade=" + answer.header("Upgrade") + " accept="
                            + (answer.header("Sec-WebSocket-Accept") != null) + " protocol="
                            + answer.header("Sec-WebSocket-Protocol") + " extensions="
                            + answer.header("Sec-WebSocket-Extensions") + " no-masking="
                            + answer.header("Nats-No-Masking");
                }
            });
            if (!answers.get(0).equals(answers.get(1))) {
                disagreements.put(change, answers);
            }
        }
        assertThat(disagreements).as("wirehub vs nats-server").isEmpty();
    }

    @Test
    void frameHandlingAgrees() {
        Map<String, Function<RawWebSocket, String>> cases = new LinkedHashMap<>();
        cases.put("ping", ws -> {
            ws.sendFrame(true, 0, OP_PING, true, "hi".getBytes(StandardCharsets.US_ASCII));
            Frame pong = ws.readFrame();
            return pong.opcode() + " " + pong.text();
        });
        cases.put("op across frames", ws -> {
            ws.sendFrame(true, 0, OP_BINARY, true, "PI".getBytes(StandardCharsets.US_ASCII));
            ws.sendFrame(true, 0, OP_BINARY, true, "NG\r\n".getBytes(StandardCharsets.US_ASCII));
            return ws.readNatsLine();
        });
        cases.put("unmasked", ws -> closeOf(ws, () -> ws.sendFrame(true, 0, OP_BINARY, false, new byte[] {'x'})));
        cases.put("rsv2", ws -> closeOf(ws, () -> ws.sendFrame(true, 0x20, OP_BINARY, true, new byte[] {'x'})));
        cases.put("opcode 3", ws -> closeOf(ws, () -> ws.sendFrame(true, 0, 0x3, true, new byte[0])));
        cases.put("ping 126", ws -> closeOf(ws, () -> ws.sendFrame(true, 0, OP_PING, true, new byte[126])));
        cases.put("fragmented ping", ws -> closeOf(ws, () -> ws.sendFrame(false, 0, OP_PING, true, new byte[1])));
        cases.put("close 1000", ws -> closeOf(ws, () -> ws.sendFrame(true, 0, 0x8, true, new byte[] {0x03, (byte) 0xe8})));
        List<String> disagreements = new ArrayList<>();
        cases.forEach((name, probe) -> {
            List<String> results = both(port -> {
                try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", port)) {
                    assertThat(ws.readNatsLine()).startsWith("INFO {");
                    ws.sendNats("CONNECT {\"verbose\":false}\r\n");
                    return probe.apply(ws);
                }
            });
            // Known difference: for a frame-level protocol error nats-server 2.9.10 drops the
            // connection before its close frame leaves; Wirehub sends the 1002 that RFC 6455 §7.1.7
            // and PROTOCOL.md §12 (2.10) call for. Allowed for exactly those cases, nothing else.
            boolean knownDifference = FRAME_ERRORS.contains(name) && results.get(0).equals("close 1002")
                    && results.get(1).equals("dropped without a close frame");
            if (!results.get(0).equals(results.get(1)) && !knownDifference) {
                disagreements.add(name + ": wirehub [" + results.get(0) + "] nats-server [" + results.get(1) + "]");
            }
        });
        assertThat(disagreements).isEmpty();
    }

    private static String closeOf(RawWebSocket ws, Runnable send) {
        send.run();
        try {
            Frame close = ws.expectClose();
            return "close " + close.closeCode();
        } catch (java.io.UncheckedIOException e) {
            return "dropped without a close frame";
        }
    }
}
