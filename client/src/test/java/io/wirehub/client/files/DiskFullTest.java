package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ObjectInfo;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object Store files on a real, small disk that fills up: the JetStream store on a tmpfs of
 * {@value #DISK_MIB} MiB, JetStream's own storage limit far larger, so only the disk can refuse.
 * A put that meets the full disk fails, its chunks are purged, what was stored before is
 * untouched, and puts that fit succeed once there is room again. (The store's side of a full
 * disk, record by record, is {@code FileStoreDiskFullTest}.)
 */
class DiskFullTest {
    private static final int DISK_MIB = 16;

    @TempDir
    Path dir;
    Path disk;
    boolean mounted;
    Wirehub server;
    Connection nc;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + DISK_MIB + "m", "tmpfs",
                disk.toString()).redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + said.strip());
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
        JetStreamConfig js = builder.jetstream();
        builder.jetstream(new JetStreamConfig(true, disk, js.maxMemory(), 1L << 30, js.domain(), js.syncInterval(),
                js.syncAlways(), js.uniqueTag(), js.limits(), js.maxCatchup(), js.requestQueueLimit(),
                js.extensionHint()));
        server = Wirehub.start(builder.build());
        nc = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void unmount() throws Exception {
        if (nc != null) {
            nc.close();
        }
        if (server != null) {
            server.close();
        }
        if (mounted) {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private long bucketBytes() throws Exception {
        return nc.jetStreamManagement().getStreamInfo("OBJ_files").getStreamState().getByteCount();
    }

    @Test
    void aPutThatMeetsAFullDiskIsPurgedAndLaterPutsThatFitSucceed() throws Exception {
        Path first = randomFile("first.bin", 1 << 20);
        ObjectFiles files = new ObjectFiles(nc, "files", 4, Duration.ofSeconds(5), TransferProgress.NONE);
        files.put(first, "first.bin", -1);
        long before = bucketBytes();

        Path filler = disk.resolve("filler");
        TransferProgress fillTheDiskMidway = new TransferProgress() {
            private String phase = "";

            @Override
            public void start(String name, long total) {
                phase = name;
            }

            @Override
            public void advanceTo(long done) {
                if (phase.startsWith("uploading") && done >= 1 << 20 && !Files.exists(filler)) {
                    fill(filler); // another program takes the rest of the disk while the put runs
                }
            }

            @Override
            public void finish() {
            }
        };
        Path big = randomFile("six.bin", 6 << 20);
        assertThatThrownBy(() -> new ObjectFiles(nc, "files", 4, Duration.ofSeconds(5), fillTheDiskMidway)
                .put(big, "six.bin", -1))
                .isInstanceOf(FileTransferException.class)
                .hasMessageContaining("the partial upload was removed");
        assertThat(bucketBytes()).as("the failed put's chunks purged").isEqualTo(before);
        assertThat(files.list()).extracting(RemoteFile::name).containsExactly("first.bin");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectInfo read = nc.objectStore("files").get("first.bin", out);
        assertThat(out.toByteArray()).as("what was stored before is untouched").isEqualTo(Files.readAllBytes(first));
        assertThat(read.getSize()).isEqualTo(1 << 20);

        Files.delete(filler);
        Path small = randomFile("one.bin", 1 << 20);
        files.put(small, "one.bin", -1);
        Path copy = dir.resolve("one.copy");
        files.get("one.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(small);
    }

    /** Writes until the disk refuses: what is left is less than one block. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw new IllegalStateException("filling the disk failed otherwise", full);
            }
        }
    }
}
