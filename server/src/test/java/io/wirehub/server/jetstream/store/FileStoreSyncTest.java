package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync(), which the stream layer calls every sync_interval, on a store whose blocks come and go. */
class FileStoreSyncTest {
    @TempDir
    Path dir;

    @Test
    void syncCoversEveryBlockAndToleratesBlocksDeletedMeanwhile() {
        FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE.withMaxMsgs(3)).withBlockSize(200);
        try (FileStore store = FileStore.open(dir, options)) {
            for (int i = 0; i < 20; i++) {
                store.append("s." + i, null, ("payload-" + i).getBytes(StandardCharsets.UTF_8));
                store.sync();
            }
            // max_msgs 3 removed the early messages, and with them the early blocks.
            assertThat(store.state().msgs()).isEqualTo(3);
        }
        try (FileStore reopened = FileStore.open(dir, options)) {
            assertThat(reopened.state().firstSeq()).isEqualTo(18);
            assertThat(new String(reopened.load(20).orElseThrow().payload(), StandardCharsets.UTF_8))
                    .isEqualTo("payload-19");
        }
    }
}
