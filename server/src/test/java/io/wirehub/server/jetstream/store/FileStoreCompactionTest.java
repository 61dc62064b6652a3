package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams whose messages die out of order keep a bounded number of blocks: a Key-Value pattern
 * (keys overwritten at random, one key written once and never again so the oldest block never
 * dies) and an Object Store pattern (large objects deleted, a small marker left for each). Without
 * compaction both keep every block that still holds one live record, and their files grow with
 * everything ever written.
 */
class FileStoreCompactionTest {
    private static final long BLOCK = 64 * 1024;

    @TempDir
    Path dir;

    private FileStore open(StoreLimits limits) {
        return FileStore.open(dir, FileStoreOptions.defaults(limits).withBlockSize(BLOCK));
    }

    private List<Path> blockFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("msgs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".blk")).toList();
        }
    }

    private long bytesOnDisk() throws IOException {
        long total = 0;
        for (Path file : blockFiles()) {
            total += Files.size(file);
        }
        return total;
    }

    private static byte[] value(String key, int version, int size) {
        byte[] data = new byte[size];
        byte[] tag = (key + "=" + version).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, data, 0, tag.length);
        return data;
    }

    @Test
    void overwrittenKeysKeepTheStoreSmallAndSurviveAReopen() throws IOException {
        Map<String, Integer> latest = new HashMap<>();
        Random random = new Random(7);
        long written = 0;
        try (FileStore store = open(StoreLimits.NONE.withMaxMsgsPerSubject(1))) {
            store.append("kv.pinned", IndexedStore.EMPTY, value("kv.pinned", 0, 200));
            latest.put("kv.pinned", 0);
            for (int i = 1; i <= 30_000; i++) {
                String key = "kv.k" + random.nextInt(200);
                store.append(key, IndexedStore.EMPTY, value(key, i, 200));
                latest.put(key, i);
                written += 200;
            }
            assertThat(store.state().msgs()).isEqualTo(latest.size());
            // 6 MB written in 64 KiB blocks: ~95 blocks without compaction, with ~40 KiB live.
            assertThat(blockFiles()).as("block files").hasSizeLessThanOrEqualTo(12);
            assertThat(bytesOnDisk()).as("bytes on disk for ~48 KiB live of %d written", written)
                    .isLessThan(12 * BLOCK);
        }
        try (FileStore reopened = open(StoreLimits.NONE.withMaxMsgsPerSubject(1))) {
            assertThat(reopened.recovery().clean()).isTrue();
            assertThat(reopened.state().msgs()).isEqualTo(latest.size());
            for (Map.Entry<String, Integer> e : latest.entrySet()) {
                StoredMessage m = reopened.loadLast(e.getKey()).orElseThrow();
                String tag = new String(m.payload(), 0, (e.getKey() + "=" + e.getValue()).length(),
                        StandardCharsets.UTF_8);
                assertThat(tag).isEqualTo(e.getKey() + "=" + e.getValue());
            }
            long appended = reopened.append("kv.after", IndexedStore.EMPTY, value("kv.after", 1, 10));
            assertThat(reopened.load(appended)).isPresent();
        }
    }

    @Test
    void deletedObjectsLeaveOnlyTheirMarkersOnDisk() throws IOException {
        long lastMarker;
        try (FileStore store = open(StoreLimits.NONE)) {
            for (int object = 0; object < 300; object++) {
                long firstChunk = -1;
                for (int chunk = 0; chunk < 4; chunk++) {
                    long seq = store.append("obj.c." + object, IndexedStore.EMPTY, new byte[8 * 1024]);
                    firstChunk = firstChunk < 0 ? seq : firstChunk;
                }
                store.append("obj.m." + object, IndexedStore.EMPTY, value("obj.m." + object, 1, 100));
                store.purge("obj.c." + object, 0, 0); // the object's chunks go, its marker stays
            }
            lastMarker = store.state().lastSeq();
            assertThat(store.state().msgs()).isEqualTo(300);
            // 9.8 MB of chunks written; 300 markers of ~150 B live.
            assertThat(blockFiles()).as("block files").hasSizeLessThanOrEqualTo(8);
            assertThat(bytesOnDisk()).isLessThan(6 * BLOCK);
        }
        try (FileStore reopened = open(StoreLimits.NONE)) {
            assertThat(reopened.recovery().clean()).isTrue();
            assertThat(reopened.state().msgs()).as("only the markers").isEqualTo(300);
            assertThat(reopened.state().lastSeq()).isEqualTo(lastMarker);
            for (int object = 0; object < 300; object++) {
                assertThat(reopened.loadLast("obj.m." + object)).isPresent();
                assertThat(reopened.loadLast("obj.c." + object)).as("chunks of %d stay deleted", object).isEmpty();
            }
        }
    }

    @Test
    void aCompactionCutShortByACrashRecoversTheSameStream() throws IOException {
        // What a crash between the merged block's rename and the deletion of the blocks it
        // replaced leaves: a block followed by copies of its live messages. Made by hand: the
        // store's blocks shifted up by one id, and the first block copied below them.
        try (FileStore store = open(StoreLimits.NONE)) {
            for (int i = 0; i < 2_000; i++) {
                store.append("s." + (i % 10), IndexedStore.EMPTY, new byte[100]);
            }
            store.remove(5);
            store.remove(1_500);
        }
        StoreState before;
        try (FileStore store = open(StoreLimits.NONE)) {
            before = store.state();
        }
        List<Path> files = blockFiles().stream().sorted().toList();
        for (Path file : files.reversed()) {
            long id = MessageBlock.idOf(file);
            Files.move(file, file.resolveSibling(MessageBlock.name(id + 1)));
        }
        Files.copy(dir.resolve("msgs").resolve(MessageBlock.name(MessageBlock.idOf(files.getFirst()) + 1)),
                files.getFirst());
        try (FileStore reopened = open(StoreLimits.NONE)) {
            assertThat(reopened.state()).isEqualTo(before);
            assertThat(reopened.load(5)).isEmpty();
            assertThat(reopened.load(1_500)).isEmpty();
            assertThat(reopened.load(6)).isPresent();
        }
    }
}
