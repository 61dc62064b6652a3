package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What jnats' key-value store needs consumers for: listing keys (headers-only, last per subject),
 * a key's history, and watching (an ordered consumer that first replays the current values, then
 * follows).
 */
class KeyValueWatchTest {

    @Test
    void keysHistoryAndWatch() throws Exception {
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("kvw-")))
                .build());
             Connection nc = Nats.connect(server.clientUrl())) {
            nc.keyValueManagement().create(KeyValueConfiguration.builder().name("cfg").maxHistoryPerKey(5)
                    .storageType(StorageType.File).build());
            KeyValue kv = nc.keyValue("cfg");
            kv.put("a", "1");
            kv.put("b", "1");
            kv.put("a", "2");
            kv.put("c", "1");
            kv.delete("c");

            assertThat(kv.keys()).containsExactlyInAnyOrder("a", "b");
            List<KeyValueEntry> history = kv.history("a");
            assertThat(history).extracting(KeyValueEntry::getValueAsString).containsExactly("1", "2");

            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean initialDone = new AtomicBoolean();
            KeyValueWatcher watcher = new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    seen.add(entry.getKey() + "=" + (entry.getOperation() == KeyValueOperation.PUT
                            ? entry.getValueAsString() : entry.getOperation().name()));
                }

                @Override
                public void endOfData() {
                    initialDone.set(true);
                }
            };
            try (var sub = kv.watchAll(watcher)) {
                Await.until(Duration.ofSeconds(5), initialDone::get, "the initial values");
                // The latest value of each key, in stream order (last per subject).
                assertThat(seen).containsExactly("b=1", "a=2", "c=DELETE");
                kv.put("b", "2".getBytes(StandardCharsets.UTF_8));
                Await.until(Duration.ofSeconds(5), () -> seen.contains("b=2"), "the update");
            }
        }
    }
}
