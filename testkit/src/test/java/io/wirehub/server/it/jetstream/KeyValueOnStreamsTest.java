package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * jnats' key-value API, unmodified, on Wirehub's streams: what needs only streams works (a KV
 * bucket is a stream with max_msgs_per_subject, roll-ups and direct get; create and update are
 * publishes with an expected last subject sequence). Watching and listing keys need consumers.
 */
class KeyValueOnStreamsTest {

    private static String text(KeyValueEntry e) {
        return new String(e.getValue(), StandardCharsets.UTF_8);
    }

    @Test
    void putGetCreateUpdateDeleteAndPurge() throws Exception {
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true)
                        .withStoreDir(Files.createTempDirectory("js-kv-"))).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            KeyValueStatus status = nc.keyValueManagement().create(KeyValueConfiguration.builder().name("cfg")
                    .maxHistoryPerKey(5).build());
            assertThat(status.getBackingStore()).isEqualTo("JetStream");
            KeyValue kv = nc.keyValue("cfg");

            long first = kv.put("color", "red");
            assertThat(text(kv.get("color"))).isEqualTo("red");
            long second = kv.update("color", "blue".getBytes(StandardCharsets.UTF_8), first);
            assertThat(second).isEqualTo(first + 1);
            assertThat(kv.get("color").getRevision()).isEqualTo(second);
            assertThat(text(kv.get("color", first))).as("history kept per key").isEqualTo("red");

            JetStreamApiException stale = catchThrowableOfType(JetStreamApiException.class,
                    () -> kv.update("color", "green".getBytes(StandardCharsets.UTF_8), first));
            assertThat(stale.getApiErrorCode()).isEqualTo(10071);
            JetStreamApiException exists = catchThrowableOfType(JetStreamApiException.class,
                    () -> kv.create("color", "x".getBytes(StandardCharsets.UTF_8)));
            assertThat(exists.getApiErrorCode()).isEqualTo(10071);
            assertThat(kv.create("size", "L".getBytes(StandardCharsets.UTF_8))).isEqualTo(second + 1);

            kv.delete("size");
            assertThat(kv.get("size")).as("a deleted key reads as absent").isNull();
            // A deleted key may be created again.
            kv.create("size", "M".getBytes(StandardCharsets.UTF_8));
            assertThat(text(kv.get("size"))).isEqualTo("M");

            kv.purge("color");
            assertThat(kv.get("color")).isNull();
            KeyValueStatus after = nc.keyValueManagement().getStatus("cfg");
            // color: only its purge marker is left (roll-up); size: put, delete marker, put.
            assertThat(after.getEntryCount()).isEqualTo(4);
            assertThat(kv.get("color", second)).as("rolled up").isNull();
            var marker = nc.jetStreamManagement().getLastMessage("KV_cfg", "$KV.cfg.color");
            assertThat(marker.getHeaders().getFirst("KV-Operation")).isEqualTo(KeyValueOperation.PURGE.getHeaderValue());
        }
    }
}
