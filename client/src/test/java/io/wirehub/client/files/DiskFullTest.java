package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.FilesConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store on a real, small, full disk: a tmpfs of {@value #DISK_MIB} MiB, with a quota far
 * larger, so only the disk can refuse. The server must refuse what cannot fit up front, discard an
 * upload that meets a disk filled by someone else, and go on storing what fits afterwards.
 */
class DiskFullTest {
    private static final int DISK_MIB = 8;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;
    Path disk;
    Path store;
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
        store = Files.createDirectories(disk.resolve("store"));
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .files(FilesConfig.OFF.withDirectory(store).withLimits(1L << 30, 4L << 30).withChunkSize(CHUNK))
                .build());
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

    @Test
    void aPutLargerThanTheFreeDiskIsRefusedBeforeAnyByteIsWritten() throws Exception {
        FileClient files = new FileClient(nc);
        assertThatThrownBy(() -> files.upload(randomFile("big.bin", (DISK_MIB + 2) << 20), "big.bin"))
                .hasMessageStartingWith("disk full: big.bin needs " + ((DISK_MIB + 2) << 20) + " bytes");
        assertNothingPartial();
    }

    @Test
    void aPutThatMeetsAFullDiskIsDiscardedAndLaterPutsThatFitSucceed() throws Exception {
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
                    fill(filler); // another program takes the rest of the disk while the upload runs
                }
            }

            @Override
            public void finish() {
            }
        };
        Path original = randomFile("six.bin", 6 << 20);
        assertThatThrownBy(() -> new FileClient(nc, 4, Duration.ofSeconds(5), fillTheDiskMidway)
                .upload(original, "six.bin"))
                .hasMessageContaining("disk full while storing six.bin: the partial upload was discarded");
        assertNothingPartial();
        assertThat(new FileClient(nc).list()).isEmpty();

        Files.delete(filler);
        Path small = randomFile("one.bin", 1 << 20);
        FileClient files = new FileClient(nc);
        files.upload(small, "one.bin");
        Path copy = dir.resolve("one.copy");
        files.download("one.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(small);
        assertNothingPartial();
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

    private void assertNothingPartial() throws IOException {
        try (Stream<Path> uploads = Files.list(store.resolve(".wirehub/uploads"))) {
            assertThat(uploads).as("no partial upload left behind").isEmpty();
        }
    }

}
