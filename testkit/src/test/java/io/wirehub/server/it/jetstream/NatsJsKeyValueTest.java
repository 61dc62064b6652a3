package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key-Value through a second client library, npm nats.ws (nats.js' KV API), run against Wirehub
 * and against nats-server 2.9.10 {@code -js} with the same script: both must give the same answers,
 * and those answers are checked here too (so a shared mistake cannot pass).
 */
class NatsJsKeyValueTest {

    @Test
    void natsJsKeyValueAnswersAsOnNatsServer() throws Exception {
        JsonNode wirehub;
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .websocket(WebSocketConfig.plain("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true)
                        .withStoreDir(Files.createTempDirectory("js-node-kv-"))).build())) {
            wirehub = NodeScripts.run("kv-client.mjs", server.webSocketUrl());
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
                JsonNode reference = NodeScripts.run("kv-client.mjs", "ws://127.0.0.1:" + nats.webSocketPort());
                assertThat(wirehub).as("the same script on nats-server 2.9.10").isEqualTo(reference);
            }
        }
    }
}
