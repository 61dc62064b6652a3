package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Key-Value through a second client library, npm nats.ws (nats.js' KV API), run against Wirehub
 * and against nats-server 2.9.10 {@code -js} with the same script: both must give the same answers,
 * and those answers are checked here too (so a shared mistake cannot pass).
 */
class NatsJsKeyValueTest {

    @Test
    void natsJsKeyValueAnswersAsOnNatsServer() throws Exception {
        Path node = TestTools.require("node", "/usr/bin/node", "/usr/local/bin/node");
        Path scripts = Path.of("src/test/node").toAbsolutePath();
        if (!Files.isDirectory(scripts.resolve("node_modules/nats.ws"))) {
            String message = "npm nats.ws is not installed in " + scripts + " (./run-tests installs it)";
            if (TestTools.required()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        JsonNode wirehub;
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .websocket(WebSocketConfig.plain("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true)
                        .withStoreDir(Files.createTempDirectory("js-node-kv-"))).build())) {
            wirehub = run(node, scripts, server.webSocketUrl());
        }

        assertThat(wirehub.path("revisions").toString()).isEqualTo("[1,2]");
        assertThat(wirehub.path("get").toString()).isEqualTo("[\"color\",\"blue\",2,\"PUT\"]");
        assertThat(wirehub.path("createNew").asInt()).isEqualTo(3);
        assertThat(wirehub.path("createExisting").asText()).contains("wrong last sequence: 3");
        assertThat(wirehub.path("updateRight").asInt()).isEqualTo(4);
        assertThat(wirehub.path("updateWrong").asText()).contains("wrong last sequence: 4");
        assertThat(wirehub.path("afterDelete").toString()).as("nats.js reads the delete marker").isEqualTo("[\"DEL\",6]");
        assertThat(wirehub.path("recreateDeleted").asInt()).as("create over a delete marker").isEqualTo(7);
        assertThat(wirehub.path("afterPurge").asText()).isEqualTo("PURGE");
        assertThat(wirehub.path("keys").toString()).isEqualTo("[\"color\",\"shape\",\"size\"]");
        assertThat(wirehub.path("history").toString()).isEqualTo("[[\"red\",1,\"PUT\"],[\"blue\",2,\"PUT\"]]");
        assertThat(wirehub.path("watched").toString())
                .isEqualTo("[[\"color\",\"blue\",\"PUT\"],[\"color\",\"green\",\"PUT\"]]");
        assertThat(wirehub.path("status").toString())
                .isEqualTo("{\"bucket\":\"nodekv\",\"values\":9,\"history\":5}");
        assertThat(wirehub.path("badKey").asText()).isEqualTo("invalid key: bad key");

        if (NatsServerProcess.available()) {
            Path natsDir = Files.createTempDirectory("js-node-kv-nats-");
            try (NatsServerProcess nats = NatsServerProcess.start("websocket { port: -1, no_tls: true }\n", false,
                    List.of("-js", "-sd", natsDir.toString()))) {
                JsonNode reference = run(node, scripts, "ws://127.0.0.1:" + nats.webSocketPort());
                assertThat(wirehub).as("the same script on nats-server 2.9.10").isEqualTo(reference);
            }
        }
    }

    private static JsonNode run(Path node, Path scripts, String url) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "kv-client.mjs", url)
                .directory(scripts.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line: " + output)));
    }
}
