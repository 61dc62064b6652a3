package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: a 1 MiB tmpfs (needs root; skipped where mount fails). The failed append
 * leaves no partial record behind, older messages still load, and appends work again once space
 * is freed.
 */
class FileStoreDiskFullTest {
    private static final int MESSAGE = 50 * 1024;

    @TempDir
    Path parent;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectory(parent.resolve("tiny"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (not root?)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mount.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    @Test
    void aFullDiskRefusesTheAppendAndKeepsTheRest() {
        Path dir = mount.resolve("stream");
        FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(128 * 1024);
        long stored;
        try (FileStore store = FileStore.open(dir, options)) {
            StoreException full = null;
            while (full == null) {
                try {
                    store.append("big", null, payload(store.state().lastSeq() + 1, MESSAGE));
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertThat(full.kind()).isEqualTo(StoreException.Kind.NO_SPACE);
            stored = store.state().lastSeq();
            assertThat(stored).isGreaterThan(5);
            for (long seq = 1; seq <= stored; seq++) {
                assertThat(store.load(seq).orElseThrow().payload()).isEqualTo(payload(seq, MESSAGE));
            }
            assertThatThrownBy(() -> store.append("big", null, payload(0, MESSAGE)))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NO_SPACE));

            // Removing the oldest messages frees their blocks, and so room for new ones.
            assertThat(store.compact(7)).isEqualTo(6);
            long next = store.append("small", null, payload(stored + 1, 1024));
            assertThat(next).isEqualTo(stored + 1);
        }
        try (FileStore store = FileStore.open(dir, options)) {
            assertThat(store.recovery().clean()).as("no partial record was left: %s", store.recovery()).isTrue();
            assertThat(store.state().firstSeq()).isEqualTo(7);
            assertThat(store.state().lastSeq()).isEqualTo(stored + 1);
            assertThat(store.load(stored).orElseThrow().payload()).isEqualTo(payload(stored, MESSAGE));
            assertThat(store.load(stored + 1).orElseThrow().payload()).isEqualTo(payload(stored + 1, 1024));
        }
    }

    private static byte[] payload(long seq, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) seq);
        return payload;
    }
}
