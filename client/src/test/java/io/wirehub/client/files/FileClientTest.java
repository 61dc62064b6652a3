package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.FilesConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file service end to end: jnats client, embedded server, a store on disk. */
class FileClientTest {
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;
    Path store;
    Wirehub server;
    Connection nc;

    @BeforeEach
    void start() throws Exception {
        store = Files.createDirectories(dir.resolve("store"));
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .files(FilesConfig.OFF.withDirectory(store).withLimits(64L << 20, 96L << 20).withChunkSize(CHUNK))
                .build());
        nc = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.close();
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** Progress that breaks the transfer once it passes {@code bytes}: a client killed mid-way. */
    private static TransferProgress interruptAfter(long bytes, String phasePrefix) {
        return new TransferProgress() {
            private String phase = "";

            @Override
            public void start(String name, long total) {
                phase = name;
            }

            @Override
            public void advanceTo(long done) {
                if (phase.startsWith(phasePrefix) && done >= bytes) {
                    throw new IllegalStateException("interrupted at " + done);
                }
            }

            @Override
            public void finish() {
            }
        };
    }

    @Test
    void uploadListStatDownloadDelete() throws Exception {
        Path original = randomFile("data.bin", 5 * 1024 * 1024 + 123);
        FileClient files = new FileClient(nc);
        RemoteFile stored = files.upload(original, "data.bin");
        assertThat(stored.size()).isEqualTo(Files.size(original));
        assertThat(stored.sha256()).isEqualTo(Sha256.of(original, Files.size(original), TransferProgress.NONE));
        assertThat(store.resolve("data.bin")).hasSameBinaryContentAs(original);
        assertThat(files.list()).extracting(RemoteFile::name).containsExactly("data.bin");
        assertThat(files.stat("data.bin").chunkSize()).isEqualTo(CHUNK);

        Path copy = dir.resolve("copy.bin");
        RemoteFile downloaded = files.download("data.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(downloaded.sha256()).isEqualTo(stored.sha256());
        assertThat(dir.resolve("copy.bin.part")).doesNotExist();

        files.delete("data.bin");
        assertThat(files.list()).isEmpty();
        assertThat(store.resolve("data.bin")).doesNotExist();
        assertThatThrownBy(() -> files.stat("data.bin")).hasMessage("no file named \"data.bin\"");
    }

    @Test
    void emptyFileRoundTrips() throws Exception {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        FileClient files = new FileClient(nc);
        files.upload(empty, "empty");
        Path copy = dir.resolve("empty.copy");
        files.download("empty", copy);
        assertThat(copy).isEmptyFile();
    }

    @Test
    void anInterruptedUploadResumesFromTheLastVerifiedChunk() throws Exception {
        Path original = randomFile("big.bin", 3 * 1024 * 1024);
        assertThatThrownBy(() -> new FileClient(nc, 4, Duration.ofSeconds(5), interruptAfter(1024 * 1024, "uploading"))
                .upload(original, "big.bin")).hasMessageContaining("interrupted");
        assertThat(store.resolve("big.bin")).as("nothing under the final name").doesNotExist();
        assertThat(new FileClient(nc).list()).isEmpty();

        AtomicLong resumedFrom = new AtomicLong(-1);
        TransferProgress watch = new TransferProgress() {
            private String phase = "";

            @Override
            public void start(String name, long total) {
                phase = name;
            }

            @Override
            public void advanceTo(long done) {
                if (phase.startsWith("uploading") && resumedFrom.get() < 0) {
                    resumedFrom.set(done);
                }
            }

            @Override
            public void finish() {
            }
        };
        RemoteFile stored = new FileClient(nc, 4, Duration.ofSeconds(5), watch).upload(original, "big.bin");
        assertThat(resumedFrom.get()).as("resumed, not restarted").isGreaterThanOrEqualTo(CHUNK);
        assertThat(store.resolve("big.bin")).hasSameBinaryContentAs(original);
        assertThat(stored.size()).isEqualTo(Files.size(original));
        try (Stream<Path> uploads = Files.list(store.resolve(".wirehub/uploads"))) {
            assertThat(uploads).as("upload state cleaned up").isEmpty();
        }
        // The chunk digests served to downloads cover the resumed prefix too (a wrong one would fail its chunk).
        Path copy = dir.resolve("big.copy");
        new FileClient(nc).download("big.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(original);
    }

    @Test
    void downloadsAreCheckedAgainstTheDigestsVerifiedOnUpload() throws Exception {
        Path original = randomFile("rot.bin", 3 * CHUNK + 100);
        FileClient files = new FileClient(nc);
        files.upload(original, "rot.bin");
        assertThat(store.resolve(".wirehub/meta/rot.bin.sums")).hasSize(4 * 32);
        try (FileChannel stored = FileChannel.open(store.resolve("rot.bin"), StandardOpenOption.WRITE)) {
            stored.write(ByteBuffer.wrap(new byte[] {(byte) ~Files.readAllBytes(original)[CHUNK + 10]}), CHUNK + 10);
        }
        Path copy = dir.resolve("rot.copy");
        assertThatThrownBy(() -> files.download("rot.bin", copy))
                .as("a byte that changed on the server's disk is caught at its chunk")
                .hasMessageStartingWith("chunk 1 of rot.bin SHA-256 mismatch");
        assertThat(copy).doesNotExist();
    }

    @Test
    void aFileStoredWithoutChunkDigestsIsHashedAsItIsRead() throws Exception {
        Path original = randomFile("old.bin", 2 * CHUNK + 1);
        FileClient files = new FileClient(nc);
        files.upload(original, "old.bin");
        Files.delete(store.resolve(".wirehub/meta/old.bin.sums")); // as in a store written before digests were kept
        Path copy = dir.resolve("old.copy");
        files.download("old.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(original);

        files.delete("old.bin");
        try (Stream<Path> meta = Files.list(store.resolve(".wirehub/meta"))) {
            assertThat(meta).as("metadata and digests removed with the file").isEmpty();
        }
    }

    @Test
    void anInterruptedDownloadResumesFromItsPartFile() throws Exception {
        Path original = randomFile("down.bin", 2 * 1024 * 1024 + 7);
        FileClient files = new FileClient(nc);
        files.upload(original, "down.bin");
        Path copy = dir.resolve("down.copy");
        assertThatThrownBy(() -> new FileClient(nc, 4, Duration.ofSeconds(5), interruptAfter(700 * 1024, "downloading"))
                .download("down.bin", copy)).hasMessageContaining("interrupted");
        Path part = dir.resolve("down.copy.part");
        assertThat(part).exists();
        assertThat(Files.size(part)).isGreaterThan(0).isLessThan(Files.size(original));
        assertThat(copy).doesNotExist();

        files.download("down.bin", copy);
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(part).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "/etc/passwd", "a/b", "a\\b", "C:evil", "nul\u0000byte", "CON", "con.txt",
            ".hidden", "..", "trailing.", "tab\there"})
    void namesThatCouldEscapeOrSurpriseAreRefused(String name) throws Exception {
        Path original = randomFile("x.bin", 10);
        assertThatThrownBy(() -> new FileClient(nc).upload(original, name)).isInstanceOf(FileTransferException.class)
                .hasMessageContaining("file name");
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".wirehub");
        }
        assertThat(dir.resolve("escape")).doesNotExist();
    }

    @Test
    void aFullStoreRefusesBeforeAnyByteIsWritten() throws Exception {
        FileClient files = new FileClient(nc);
        files.upload(randomFile("first.bin", 60 * 1024 * 1024), "first.bin");
        Path second = randomFile("second.bin", 40 * 1024 * 1024);
        assertThatThrownBy(() -> files.upload(second, "second.bin")).hasMessageStartingWith("store full: second.bin needs "
                + (40 * 1024 * 1024) + " bytes");
        assertThat(files.list()).extracting(RemoteFile::name).containsExactly("first.bin");
        try (Stream<Path> uploads = Files.list(store.resolve(".wirehub/uploads"))) {
            assertThat(uploads).as("no partial file").isEmpty();
        }
        assertThatThrownBy(() -> files.upload(randomFile("huge.bin", 65 * 1024 * 1024), "huge.bin"))
                .hasMessageStartingWith("file too large");
    }

    @Test
    void withoutTheServiceTheErrorSaysSo() throws Exception {
        try (Wirehub plain = Wirehub.start(); Connection other = Nats.connect(plain.clientUrl())) {
            assertThatThrownBy(() -> new FileClient(other).list())
                    .hasMessageContaining("no file service answers (is the server started with --store DIR?)");
        }
    }

    @Test
    void codesAreChecked() {
        assertThat(RelayCode.check(" 0042-Amber-Falcon-River ")).isEqualTo("0042-amber-falcon-river");
        assertThatThrownBy(() -> RelayCode.check("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(RelayCode.generate(), RelayCode.generate())).doesNotHaveDuplicates();
    }
}
