package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValuePurgeOptions;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.wirehub.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parts of jnats' KeyValue / KeyValueManagement not covered by {@link KeyValueOnStreamsTest}
 * and {@link KeyValueWatchTest}: revisions, create-if-absent, purging delete markers, bucket status
 * and config, and watching one key or a wildcard with nats' watch options. Each runs on Wirehub and,
 * side by side, on nats-server (2.9.10 here), except what needs 2.10.
 */
class KeyValueApiTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {JetStreamServers.WIREHUB, JetStreamServers.NATS_SERVER})
    void revisionsCreateIfAbsentPurgeDeletesAndStatus(String kind) throws Exception {
        try (JetStreamServers server = JetStreamServers.start(kind);
             Connection nc = Nats.connect(server.url())) {
            KeyValueManagement kvm = nc.keyValueManagement();
            kvm.create(KeyValueConfiguration.builder().name("app").description("settings").maxHistoryPerKey(3)
                    .maxValueSize(1024).ttl(Duration.ofHours(1)).storageType(StorageType.File).build());
            KeyValue kv = nc.keyValue("app");

            long r1 = kv.put("mode", "a");
            long r2 = kv.put("mode", "b");
            long r3 = kv.put("mode", "c");
            long r4 = kv.put("mode", "d");
            assertThat(kv.get("mode", r2).getValueAsString()).isEqualTo("b");
            assertThat(kv.get("mode", r1)).as("history of 3: the first revision was dropped").isNull();
            assertThat(kv.get("mode", r4).getRevision()).isEqualTo(r4);
            assertThat(kv.history("mode")).extracting(KeyValueEntry::getValueAsString).containsExactly("b", "c", "d");

            long r5 = kv.update("mode", bytes("e"), r4);
            JetStreamApiException stale = catchThrowableOfType(JetStreamApiException.class,
                    () -> kv.update("mode", bytes("f"), r3));
            assertThat(stale.getApiErrorCode()).isEqualTo(10071);
            assertThat(stale.getMessage()).contains("wrong last sequence: " + r5);
            assertThat(kv.get("mode").getValueAsString()).isEqualTo("e");

            long created = kv.create("flag", bytes("on"));
            assertThat(kv.get("flag").getRevision()).isEqualTo(created);
            assertThat(catchThrowableOfType(JetStreamApiException.class, () -> kv.create("flag", bytes("x")))
                    .getApiErrorCode()).isEqualTo(10071);

            kv.put("gone1", "x");
            kv.put("gone2", "y");
            kv.delete("gone1");
            kv.purge("gone2");
            assertThat(kv.keys()).containsExactlyInAnyOrder("mode", "flag");
            // Markers younger than the default threshold (30 minutes) are kept...
            kv.purgeDeletes();
            assertThat(nc.jetStreamManagement().getMessage("KV_app", nc.jetStreamManagement()
                    .getLastMessage("KV_app", "$KV.app.gone1").getSeq()).getSubject()).isEqualTo("$KV.app.gone1");
            // ...and with no threshold they go too.
            kv.purgeDeletes(KeyValuePurgeOptions.builder().deleteMarkersNoThreshold().build());
            assertThat(kv.history("gone1")).isEmpty();
            assertThat(kv.history("gone2")).isEmpty();

            KeyValueStatus status = kvm.getStatus("app");
            assertThat(status.getBucketName()).isEqualTo("app");
            assertThat(status.getDescription()).isEqualTo("settings");
            assertThat(status.getMaxHistoryPerKey()).isEqualTo(3);
            assertThat(status.getMaximumValueSize()).isEqualTo(1024);
            assertThat(status.getTtl()).isEqualTo(Duration.ofHours(1));
            assertThat(status.getStorageType()).isEqualTo(StorageType.File);
            assertThat(status.getEntryCount()).as("mode: c, d, e; flag: on").isEqualTo(4);
            assertThat(kvm.getBucketNames()).containsExactly("app");

            JetStreamApiException tooBig = catchThrowableOfType(JetStreamApiException.class,
                    () -> kv.put("big", new byte[2048]));
            assertThat(tooBig.getApiErrorCode()).isEqualTo(10054);

            kvm.delete("app");
            assertThat(kvm.getBucketNames()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {JetStreamServers.WIREHUB, JetStreamServers.NATS_SERVER})
    void watchOneKeyAndAWildcard(String kind) throws Exception {
        try (JetStreamServers server = JetStreamServers.start(kind);
             Connection nc = Nats.connect(server.url())) {
            nc.keyValueManagement().create(KeyValueConfiguration.builder().name("w").maxHistoryPerKey(10)
                    .storageType(StorageType.Memory).build());
            KeyValue kv = nc.keyValue("w");
            kv.put("user.1", "ann");
            kv.put("user.1", "anna");
            kv.put("user.2", "bob");
            kv.put("other", "x");

            Recorder one = new Recorder();
            kv.watch("user.1", one, KeyValueWatchOption.INCLUDE_HISTORY);
            Recorder users = new Recorder();
            kv.watch("user.*", users);
            Recorder updatesOnly = new Recorder();
            kv.watch("user.*", updatesOnly, KeyValueWatchOption.UPDATES_ONLY);
            Await.until(Duration.ofSeconds(5), () -> one.done.get() && users.done.get() && updatesOnly.done.get(),
                    "the initial values delivered to every watcher");
            assertThat(one.seen).containsExactly("user.1=ann", "user.1=anna");
            assertThat(users.seen).containsExactly("user.1=anna", "user.2=bob");
            assertThat(updatesOnly.seen).isEmpty();

            kv.put("user.3", "cy");
            kv.delete("user.2");
            kv.put("other", "y");
            Await.until(Duration.ofSeconds(5), () -> users.seen.size() == 4 && updatesOnly.seen.size() == 2,
                    "the updates delivered");
            assertThat(users.seen).containsExactly("user.1=anna", "user.2=bob", "user.3=cy", "user.2=DELETE");
            assertThat(updatesOnly.seen).containsExactly("user.3=cy", "user.2=DELETE");
            assertThat(one.seen).as("user.1 did not change").hasSize(2);
        }
    }

    /** A list of keys is a consumer with filter_subjects, new in nats-server 2.10 (2.9.10 lacks it). */
    @Test
    void watchAListOfKeysWithoutDeletes() throws Exception {
        try (JetStreamServers server = JetStreamServers.start(JetStreamServers.WIREHUB);
             Connection nc = Nats.connect(server.url())) {
            nc.keyValueManagement().create(KeyValueConfiguration.builder().name("w").storageType(StorageType.Memory)
                    .build());
            KeyValue kv = nc.keyValue("w");
            kv.put("user.1", "ann");
            kv.put("user.2", "bob");
            kv.put("other", "x");
            Recorder noDeletes = new Recorder();
            kv.watch(List.of("user.2", "other"), noDeletes, KeyValueWatchOption.IGNORE_DELETE);
            Await.until(Duration.ofSeconds(5), noDeletes.done::get, "the initial values delivered");
            assertThat(noDeletes.seen).containsExactly("user.2=bob", "other=x");
            kv.delete("user.2");
            kv.put("user.1", "anna");
            kv.put("other", "y");
            Await.until(Duration.ofSeconds(5), () -> noDeletes.seen.size() == 3, "the update delivered");
            assertThat(noDeletes.seen).as("no delete, nothing of user.1").containsExactly("user.2=bob", "other=x",
                    "other=y");
        }
    }

    private static final class Recorder implements KeyValueWatcher {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final AtomicBoolean done = new AtomicBoolean();

        @Override
        public void watch(KeyValueEntry entry) {
            seen.add(entry.getKey() + "=" + (entry.getOperation() == KeyValueOperation.PUT
                    ? entry.getValueAsString() : entry.getOperation().name()));
        }

        @Override
        public void endOfData() {
            done.set(true);
        }
    }
}
