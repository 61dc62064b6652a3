package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StreamState;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a put finds what an interrupted put of the same file left: chunks stored under the file's
 * derived nuid are kept when the last of them is the file's chunk at that place, and purged when
 * not; either way the object ends whole, as jnats reads it.
 */
@WirehubTest(jetstream = true)
class ObjectFilesTest {
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;

    private Path file(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static ObjectFiles files(Connection nc, String bucket) {
        return new ObjectFiles(nc, bucket, 4, Duration.ofSeconds(5), TransferProgress.NONE, CHUNK);
    }

    /** Publishes chunks {@code 0..count-1} of {@code content} under the nuid a put of {@code file} uses. */
    private static void leaveChunks(Connection nc, String bucket, Path file, byte[] content, int count) throws Exception {
        String nuid = ObjectUpload.uploadId(bucket, file.getFileName().toString(), file, content.length,
                Files.getLastModifiedTime(file).toMillis(), CHUNK);
        JetStream js = nc.jetStream();
        for (int i = 0; i < count; i++) {
            js.publish("$O." + bucket + ".C." + nuid, Arrays.copyOfRange(content, i * CHUNK, (i + 1) * CHUNK));
        }
    }

    private static StreamState state(Connection nc, String bucket) throws Exception {
        return nc.jetStreamManagement().getStreamInfo("OBJ_" + bucket).getStreamState();
    }

    private static byte[] jnatsGet(Connection nc, String bucket, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        nc.objectStore(bucket).get(name, out);
        return out.toByteArray();
    }

    @Test
    void aPutSendsOnlyTheChunksAnInterruptedPutDidNotStore(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Path file = file("resume.bin", 25 * CHUNK + 100, 1); // 26 chunks
            byte[] content = Files.readAllBytes(file);
            files(nc, "resume").ensureBucket(-1);
            leaveChunks(nc, "resume", file, content, 10);
            long before = state(nc, "resume").getLastSequence();

            RemoteFile stored = files(nc, "resume").put(file, "resume.bin", -1);
            StreamState after = state(nc, "resume");
            assertThat(after.getLastSequence() - before).as("16 chunks and the meta").isEqualTo(17);
            assertThat(after.getMsgCount()).isEqualTo(27);
            assertThat(jnatsGet(nc, "resume", "resume.bin")).isEqualTo(content);
            assertThat(stored.sha256()).isEqualTo(Sha256.hex(content, 0, content.length));

            // The same file again: stored already, nothing published.
            files(nc, "resume").put(file, "resume.bin", -1);
            assertThat(state(nc, "resume").getLastSequence()).isEqualTo(after.getLastSequence());
        }
    }

    @Test
    void chunksThatAreNotTheFilesArePurgedAndThePutStartsOver(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Path file = file("stale.bin", 12 * CHUNK, 2);
            byte[] content = Files.readAllBytes(file);
            byte[] other = content.clone();
            other[3 * CHUNK + 7] ^= 1; // the fourth chunk differs from the file's
            files(nc, "stale").ensureBucket(-1);
            leaveChunks(nc, "stale", file, other, 4);
            long before = state(nc, "stale").getLastSequence();

            files(nc, "stale").put(file, "stale.bin", -1);
            StreamState after = state(nc, "stale");
            assertThat(after.getLastSequence() - before).as("every chunk and the meta").isEqualTo(13);
            assertThat(after.getMsgCount()).as("the stale chunks purged").isEqualTo(13);
            assertThat(jnatsGet(nc, "stale", "stale.bin")).isEqualTo(content);
        }
    }

    @Test
    void replacingAnObjectPurgesTheOldVersionsChunks(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Path first = file("v.bin", 5 * CHUNK, 3);
            files(nc, "versions").put(first, "v.bin", -1);
            Path second = file("v2.bin", 3 * CHUNK, 4);
            files(nc, "versions").put(second, "v.bin", -1);
            assertThat(state(nc, "versions").getMsgCount()).as("3 chunks and the meta").isEqualTo(4);
            assertThat(jnatsGet(nc, "versions", "v.bin")).isEqualTo(Files.readAllBytes(second));
            assertThatThrownBy(() -> files(nc, "versions").get("nothing", dir.resolve("x")))
                    .hasMessage("no object named \"nothing\" in bucket \"versions\"");
        }
    }
}
