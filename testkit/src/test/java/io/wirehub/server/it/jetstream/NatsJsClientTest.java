package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Streams through a second client library: npm nats.ws (nats.js' JetStream API) in Node, over
 * WebSocket, creates a stream, publishes with a duplicate id and expected last sequences, reads
 * info, a message, the names, uses a KV bucket's put and get, purges and deletes; and reads a
 * stream through consumers ({@code consumers.get(...).fetch()}, {@code consume()}, ordered).
 */
class NatsJsClientTest {

    @Test
    void natsJsManagesAndPublishesToStreams() throws Exception {
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .websocket(WebSocketConfig.plain("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true)
                        .withStoreDir(Files.createTempDirectory("js-node-"))).build())) {
            JsonNode result = NodeScripts.run("js-client.mjs", server.webSocketUrl());
            assertThat(result.path("createdStorage").asText()).isEqualTo("file");
            assertThat(result.path("seqs").toString()).isEqualTo("[1,1,2]");
            assertThat(result.path("duplicate").asBoolean()).isTrue();
            assertThat(result.path("wrongLast").asText()).contains("wrong last sequence: 2");
            assertThat(result.path("messages").asInt()).isEqualTo(2);
            assertThat(result.path("lastSeq").asInt()).isEqualTo(2);
            assertThat(result.path("got").toString()).isEqualTo("[\"node.b\",\"two\"]");
            assertThat(result.path("names").toString()).isEqualTo("[\"NODE\"]");
            assertThat(result.path("kv").toString()).isEqualTo("[\"v2\",2]");
            assertThat(result.path("purged").asInt()).isEqualTo(2);
            assertThat(result.path("deleted").asBoolean()).isTrue();
        }
    }

    @Test
    void natsJsReadsThroughConsumers() throws Exception {
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .websocket(WebSocketConfig.plain("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true)
                        .withStoreDir(Files.createTempDirectory("js-node-c-"))).build())) {
            JsonNode result = NodeScripts.run("js-consumers.mjs", server.webSocketUrl());
            assertThat(result.path("fetched").toString()).isEqualTo("[\"m1\",\"m2\",\"m3\"]");
            assertThat(result.path("consumed").toString()).isEqualTo("[\"m4\",\"m5\"]");
            assertThat(result.path("ackFloor").asInt()).isEqualTo(5);
            assertThat(result.path("pending").asInt()).isZero();
            assertThat(result.path("ordered").toString()).isEqualTo("[1,2,3,4,5]");
        }
    }
}
