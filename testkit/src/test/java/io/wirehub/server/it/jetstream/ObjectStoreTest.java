package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.ObjectStoreWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.wirehub.testkit.Await;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jnats' Object Store (ADR-20), unmodified, on Wirehub: a bucket is a stream {@code OBJ_<bucket>}
 * with chunk subjects {@code $O.<bucket>.C.<nuid>} and meta subjects {@code $O.<bucket>.M.<name>}
 * (roll-up per meta subject, listed with a last-per-subject consumer). Each test runs on Wirehub and,
 * side by side, on nats-server (2.9.10 here).
 */
class ObjectStoreTest {

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(strings = {JetStreamServers.WIREHUB, JetStreamServers.NATS_SERVER})
    void putGetInfoListDeleteOfStreamsAndFiles(String kind) throws Exception {
        try (JetStreamServers server = JetStreamServers.start(kind);
             Connection nc = Nats.connect(server.url())) {
            ObjectStoreManagement osm = nc.objectStoreManagement();
            ObjectStoreStatus created = osm.create(ObjectStoreConfiguration.builder().name("files")
                    .description("test files").storageType(StorageType.File).build());
            assertThat(created.getBucketName()).isEqualTo("files");
            assertThat(created.getDescription()).isEqualTo("test files");
            assertThat(created.getBackingStore()).isEqualTo("JetStream");
            assertThat(created.isSealed()).isFalse();
            ObjectStore os = nc.objectStore("files");

            // 300 000 bytes in 4 KiB chunks: 74 chunks, the last one short.
            byte[] big = randomBytes(300_000, 1);
            ObjectInfo put = os.put(ObjectMeta.builder("big.bin").description("random").chunkSize(4096).build(),
                    new ByteArrayInputStream(big));
            assertThat(put.getSize()).isEqualTo(300_000);
            assertThat(put.getChunks()).isEqualTo(74);
            assertThat(put.getDigest()).startsWith("SHA-256=");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ObjectInfo got = os.get("big.bin", out);
            assertThat(out.toByteArray()).isEqualTo(big);
            assertThat(got.getDigest()).isEqualTo(put.getDigest());
            assertThat(os.getInfo("big.bin").getDescription()).isEqualTo("random");

            Path file = Files.createTempFile("os-file-", ".dat");
            byte[] fileBytes = randomBytes(200_000, 2);
            Files.write(file, fileBytes);
            ObjectInfo filePut = os.put(file.toFile());
            assertThat(filePut.getObjectName()).isEqualTo(file.getFileName().toString());
            ByteArrayOutputStream fileOut = new ByteArrayOutputStream();
            os.get(file.getFileName().toString(), fileOut);
            assertThat(fileOut.toByteArray()).isEqualTo(fileBytes);

            // Putting the same name again replaces the object: its old chunks are purged.
            os.put("big.bin", "small now".getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream replaced = new ByteArrayOutputStream();
            os.get("big.bin", replaced);
            assertThat(replaced.toString(StandardCharsets.UTF_8)).isEqualTo("small now");

            assertThat(os.getList()).extracting(ObjectInfo::getObjectName)
                    .containsExactlyInAnyOrder("big.bin", file.getFileName().toString());
            ObjectStoreStatus status = os.getStatus();
            assertThat(status.getSize()).as("only the live chunks and meta messages remain")
                    .isLessThan(200_000 + 2_000);

            ObjectInfo deleted = os.delete(file.getFileName().toString());
            assertThat(deleted.isDeleted()).isTrue();
            assertThat(os.getInfo(file.getFileName().toString())).as("deleted objects are hidden").isNull();
            assertThat(os.getInfo(file.getFileName().toString(), true).isDeleted()).isTrue();
            assertThat(os.getList()).extracting(ObjectInfo::getObjectName).containsExactly("big.bin");
            assertThat(nc.jetStreamManagement().getStreamInfo("OBJ_files").getStreamState().getMsgCount())
                    .as("one chunk and the meta of big.bin, the delete marker of the file").isEqualTo(3);

            assertThat(osm.getBucketNames()).containsExactly("files");
            assertThat(osm.getStatuses()).extracting(ObjectStoreStatus::getBucketName).containsExactly("files");
            osm.delete("files");
            assertThat(osm.getBucketNames()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {JetStreamServers.WIREHUB, JetStreamServers.NATS_SERVER})
    void metaUpdateLinksSealAndWatch(String kind) throws Exception {
        try (JetStreamServers server = JetStreamServers.start(kind);
             Connection nc = Nats.connect(server.url())) {
            ObjectStoreManagement osm = nc.objectStoreManagement();
            osm.create(ObjectStoreConfiguration.builder().name("docs").storageType(StorageType.Memory).build());
            ObjectStore os = nc.objectStore("docs");
            os.put("a.txt", "alpha".getBytes(StandardCharsets.UTF_8));
            os.put("b.txt", "beta".getBytes(StandardCharsets.UTF_8));

            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean initialDone = new AtomicBoolean();
            os.watch(new ObjectStoreWatcher() {
                @Override
                public void watch(ObjectInfo info) {
                    seen.add(info.getObjectName() + (info.isDeleted() ? ":deleted" : ""));
                }

                @Override
                public void endOfData() {
                    initialDone.set(true);
                }
            });
            Await.until(Duration.ofSeconds(5), initialDone::get, "the initial objects delivered");
            assertThat(seen).containsExactlyInAnyOrder("a.txt", "b.txt");

            ObjectInfo renamed = os.updateMeta("a.txt", ObjectMeta.builder("alpha.txt").description("renamed")
                    .headers(new Headers().put("X-Kind", "greek")).build());
            assertThat(renamed.getObjectName()).isEqualTo("alpha.txt");
            assertThat(os.getInfo("a.txt")).as("the old name is gone").isNull();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            os.get("alpha.txt", out);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("chunks kept under the new name").isEqualTo("alpha");
            // jnats' updateMeta carries name, description and headers (not metadata).
            assertThat(os.getInfo("alpha.txt").getHeaders().getFirst("X-Kind")).isEqualTo("greek");
            assertThat(os.getInfo("alpha.txt").getDescription()).isEqualTo("renamed");

            ObjectInfo link = os.addLink("to-b", os.getInfo("b.txt"));
            assertThat(link.isLink()).isTrue();
            ByteArrayOutputStream viaLink = new ByteArrayOutputStream();
            os.get("to-b", viaLink);
            assertThat(viaLink.toString(StandardCharsets.UTF_8)).isEqualTo("beta");

            os.delete("b.txt");
            Await.until(Duration.ofSeconds(5), () -> seen.contains("alpha.txt") && seen.contains("to-b")
                    && seen.contains("b.txt:deleted"), "rename, link and delete watched");

            ObjectStoreStatus sealed = os.seal();
            assertThat(sealed.isSealed()).isTrue();
            assertThat(osm.getStatus("docs").isSealed()).isTrue();
            JetStreamApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    JetStreamApiException.class, () -> os.put("c.txt", "x".getBytes(StandardCharsets.UTF_8)));
            assertThat(refused).as("a sealed bucket refuses puts").isNotNull();
            assertThat(refused.getApiErrorCode()).isEqualTo(10109);
        }
    }
}
