package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadDigestsTest {
    @TempDir
    Path dir;

    @Test
    void hashesTheWholeFileAndEachChunkOfTheExpectedSize() throws Exception {
        byte[] bytes = new byte[3 * 1024 + 5];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("f"), bytes);

        UploadDigests digests = UploadDigests.of(file, bytes.length, 1024, TransferProgress.NONE);

        assertThat(digests.whole()).isEqualTo(Sha256.hex(bytes, 0, bytes.length));
        for (int index = 0; index < 4; index++) {
            byte[] chunk = Arrays.copyOfRange(bytes, index * 1024, Math.min(bytes.length, (index + 1) * 1024));
            assertThat(digests.chunk(index, 1024)).as("chunk %d", index).isEqualTo(Sha256.hex(chunk, 0, chunk.length));
        }
        assertThat(digests.chunk(0, 2048)).as("not computed for another chunk size").isNull();
    }

    @Test
    void anEmptyFileHasNoChunks() throws Exception {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        UploadDigests digests = UploadDigests.of(file, 0, 1024, TransferProgress.NONE);
        assertThat(digests.whole()).isEqualTo(Sha256.hex(new byte[0], 0, 0));
    }
}
