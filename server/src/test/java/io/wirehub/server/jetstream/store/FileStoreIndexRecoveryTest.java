package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening from block indexes must recover exactly what a scan of every block recovers. Random
 * streams (appends with and without headers, removes, erases, purges, filtered purges, compacts,
 * skips, limits per subject and on the message count, small blocks so compaction runs) are
 * copied at a random moment while open (what a kill -9 leaves) and after a clean close; each copy
 * is opened twice, once as it is and once with every index deleted, and the two stores must agree
 * on the counters, each subject's totals and last message, every message with its bytes and
 * time, and the next sequence. Damaged indexes (each bit flipped, each length torn, swapped,
 * copied, emptied) are ignored, never trusted.
 */
class FileStoreIndexRecoveryTest {
    private static final int STREAMS = 40;

    @TempDir
    Path dir;

    @Test
    void indexedRecoveryEqualsAFullScan() throws IOException {
        Random seeds = new Random(0x1D5_2026L);
        int indexedBlocks = 0;
        for (int i = 0; i < STREAMS; i++) {
            long seed = seeds.nextLong();
            try {
                indexedBlocks += randomStream(new Random(seed), dir.resolve("stream" + i));
            } catch (AssertionError | RuntimeException | IOException e) {
                throw new AssertionError("stream " + i + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
        assertThat(indexedBlocks).as("blocks opened from their index over all streams").isGreaterThan(STREAMS);
    }

    /** Builds one random stream, compares its crash copy and its clean copy; the blocks read from indexes. */
    private int randomStream(Random random, Path base) throws IOException {
        Path live = base.resolve("live");
        StoreLimits limits = StoreLimits.NONE.withMaxMsgsPerSubject(new long[] {0, 0, 1, 3}[random.nextInt(4)])
                .withMaxMsgs(random.nextInt(3) == 0 ? 50 + random.nextInt(150) : 0);
        FileStoreOptions options = FileStoreOptions.defaults(limits).withBlockSize(256 + random.nextInt(4096));
        int steps = 100 + random.nextInt(500);
        int crashAt = random.nextInt(steps);
        Path crashed = base.resolve("crashed");
        try (FileStore store = FileStore.open(live, options)) {
            for (int step = 0; step < steps; step++) {
                if (step == crashAt) {
                    copy(live, crashed, true);
                }
                randomOperation(store, random);
            }
        }
        Path clean = base.resolve("clean");
        copy(live, clean, true);
        int crashIndexed = compareWithScan(crashed, base.resolve("crashed-scan"), options, false);
        int cleanIndexed = compareWithScan(clean, base.resolve("clean-scan"), options, true);
        return crashIndexed + cleanIndexed;
    }

    private static void randomOperation(FileStore store, Random random) {
        StoreState state = store.state();
        int op = random.nextInt(100);
        if (op < 70 || state.msgs() == 0) {
            String subject = "s." + random.nextInt(8);
            byte[] headers = random.nextInt(4) == 0 ? "NATS/1.0\r\nX: y\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                    : null;
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            store.append(subject, headers, payload);
            return;
        }
        long seq = state.firstSeq() + (long) random.nextInt((int) (state.lastSeq() - state.firstSeq() + 1));
        if (op < 82) {
            store.remove(seq);
        } else if (op < 88) {
            store.erase(seq);
        } else if (op < 91) {
            store.purge("s." + random.nextInt(8), 0, random.nextInt(3));
        } else if (op < 94) {
            store.compact(seq);
        } else if (op < 96) {
            store.purge();
        } else {
            store.skip(state.lastSeq() + 1 + random.nextInt(5));
        }
    }

    /**
     * Opens {@code image} as it is and a copy of it without indexes; both must hold the same.
     * Returns how many blocks the first read from their index.
     */
    private static int compareWithScan(Path image, Path scanCopy, FileStoreOptions options, boolean closedCleanly)
            throws IOException {
        copy(image, scanCopy, false);
        try (FileStore indexed = FileStore.open(image, options); FileStore scanned = FileStore.open(scanCopy, options)) {
            RecoveryReport report = indexed.recovery();
            assertThat(scanned.recovery().indexedBlocks()).isZero();
            assertThat(report.clean()).as("%s", report).isTrue();
            // After a kill only the block being written lacks its index (a block sealed while
            // the copy was taken is written whole: the copy is taken between operations).
            assertThat(report.indexedBlocks()).as("blocks opened from their index")
                    .isEqualTo(closedCleanly ? report.blocks() : report.blocks() - 1);
            assertSameContents(indexed, scanned);
            long next = indexed.append("after", null, new byte[] {1});
            assertThat(scanned.append("after", null, new byte[] {1})).isEqualTo(next);
            return report.indexedBlocks();
        }
    }

    private static void assertSameContents(FileStore indexed, FileStore scanned) {
        assertThat(indexed.state()).isEqualTo(scanned.state());
        assertThat(indexed.recovery().messages()).isEqualTo(scanned.recovery().messages());
        Map<String, Long> totals = scanned.subjectTotals(">");
        assertThat(indexed.subjectTotals(">")).isEqualTo(totals);
        for (String subject : totals.keySet()) {
            assertSame(indexed.loadLast(subject), scanned.loadLast(subject));
            assertThat(indexed.numPending(0, subject)).isEqualTo(scanned.numPending(0, subject));
        }
        long count = 0;
        for (Optional<StoredMessage> m = scanned.loadNext(">", 0); m.isPresent();
                m = scanned.loadNext(">", m.get().seq() + 1)) {
            assertSame(indexed.load(m.get().seq()), m);
            count++;
        }
        assertThat(count).isEqualTo(scanned.state().msgs());
    }

    private static void assertSame(Optional<StoredMessage> actual, Optional<StoredMessage> expected) {
        assertThat(actual).isPresent();
        StoredMessage a = actual.orElseThrow();
        StoredMessage e = expected.orElseThrow();
        assertThat(a.seq()).isEqualTo(e.seq());
        assertThat(a.subject()).isEqualTo(e.subject());
        assertThat(a.timestampNanos()).isEqualTo(e.timestampNanos());
        assertThat(a.headers()).isEqualTo(e.headers());
        assertThat(a.payload()).as("payload of %d", e.seq()).isEqualTo(e.payload());
    }

    @Test
    void everyDamagedIndexIsIgnored() throws IOException {
        Path original = dir.resolve("original");
        FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(512);
        try (FileStore store = FileStore.open(original, options)) {
            for (int i = 0; i < 40; i++) {
                store.append("d." + (i % 3), null, ("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            store.remove(7);
        }
        List<Path> indexes = files(original, ".idx");
        assertThat(indexes).hasSizeGreaterThan(3);
        byte[] good = Files.readAllBytes(indexes.get(1));
        List<byte[]> damaged = new ArrayList<>();
        for (int at = 0; at < good.length; at++) {
            byte[] flipped = good.clone();
            flipped[at] ^= (byte) (1 << (at % 8));
            damaged.add(flipped);
        }
        for (int length = 0; length < good.length; length++) {
            damaged.add(Arrays.copyOf(good, length));
        }
        damaged.add(Files.readAllBytes(indexes.get(2))); // another block's index
        damaged.add(new byte[good.length]);
        Path scanCopy = dir.resolve("scan");
        copy(original, scanCopy, false);
        Path working = dir.resolve("working");
        copy(original, working, true);
        Path victim = working.resolve("msgs").resolve(indexes.get(1).getFileName());
        try (FileStore reference = FileStore.open(scanCopy, options)) {
            int n = 0;
            for (byte[] bytes : damaged) {
                Files.write(victim, bytes);
                try (FileStore opened = FileStore.open(working, options)) {
                    assertThat(opened.recovery().clean()).isTrue();
                    assertThat(opened.recovery().indexedBlocks()).as("damaged index %d", n)
                            .isEqualTo(opened.recovery().blocks() - 1);
                    assertSameContents(opened, reference);
                }
                // Recovery wrote the scanned block's index again: the good one.
                assertThat(Files.readAllBytes(victim)).as("index rewritten after damage %d", n).isEqualTo(good);
                n++;
            }
        }
    }

    @Test
    void aCleanRestartReadsNoBlockAndACrashOnlyTheLast() throws IOException {
        FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(2048);
        Path crashed = dir.resolve("crashed");
        try (FileStore store = FileStore.open(dir.resolve("s"), options)) {
            for (int i = 0; i < 200; i++) {
                store.append("r", null, new byte[50]);
            }
            copy(dir.resolve("s"), crashed, true);
        }
        try (FileStore clean = FileStore.open(dir.resolve("s"), options);
                FileStore afterKill = FileStore.open(crashed, options)) {
            assertThat(clean.recovery().blocks()).isGreaterThan(5);
            assertThat(clean.recovery().indexedBlocks()).isEqualTo(clean.recovery().blocks());
            assertThat(afterKill.recovery().indexedBlocks()).isEqualTo(afterKill.recovery().blocks() - 1);
            assertThat(clean.state().msgs()).isEqualTo(200);
            assertThat(afterKill.state()).isEqualTo(clean.state());
        }
    }

    /**
     * The index vouches for a block's records' places, not for every byte of it (nats-server's
     * trade too): a byte flipped inside a sealed block is found when its message is read, which
     * checks the record's CRC32C, and is never served.
     */
    @Test
    void damageInsideAnIndexedBlockIsFoundOnReadNeverServed() throws IOException {
        FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(2048);
        Path store = dir.resolve("s");
        try (FileStore s = FileStore.open(store, options)) {
            for (int i = 0; i < 100; i++) {
                s.append("r", null, "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII));
            }
        }
        Path first = files(store, ".blk").getFirst();
        byte[] block = Files.readAllBytes(first);
        int at = indexOf(block, "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII), 200);
        block[at] ^= 1;
        Files.write(first, block);
        try (FileStore s = FileStore.open(store, options)) {
            assertThat(s.recovery().indexedBlocks()).isEqualTo(s.recovery().blocks());
            int corrupt = 0;
            for (long seq = 1; seq <= 100; seq++) {
                try {
                    assertThat(s.load(seq).orElseThrow().payload())
                            .isEqualTo("abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII));
                } catch (StoreException e) {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT);
                    corrupt++;
                }
            }
            assertThat(corrupt).as("messages refused as corrupt").isEqualTo(1);
        }
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = from; i <= data.length - what.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static List<Path> files(Path store, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("msgs"))) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Copies a store's files, with or without the indexes. */
    private static void copy(Path from, Path to, boolean withIndexes) throws IOException {
        Files.createDirectories(to.resolve("msgs"));
        try (Stream<Path> files = Files.list(from.resolve("msgs"))) {
            for (Path file : files.toList()) {
                if (withIndexes || !file.toString().endsWith(BlockIndex.SUFFIX)) {
                    Files.copy(file, to.resolve("msgs").resolve(file.getFileName()));
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
