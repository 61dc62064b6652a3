package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while blocks are being compacted: a child writes as a Key-Value bucket does (one
 * message per subject, keys overwritten at random, one key written once and never again), so
 * closed blocks are merged all the time. After each kill the reopened store holds, for every
 * key, the newest acknowledged value or a newer one, and nothing twice; and the number of block
 * files stays bounded across all the rounds. Merged blocks are indexed as they are written (the
 * old index is deleted before the merged file replaces the block): each reopen reads at most
 * the last two blocks, and holds what a full scan holds.
 */
class FileStoreCompactionCrashTest {
    private static final int ROUNDS = 15;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killedCompactionsLoseNoAcknowledgedKey() throws Exception {
        Random random = new Random();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Map<String, Long> newestAcked = new HashMap<>();
        int rounds = 0;
        long appended = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            Map<String, Long> acked = runAndKill(random.nextInt(50, 400));
            acked.forEach((subject, seq) -> newestAcked.merge(subject, seq, Math::max));
            rounds++;
            StoreState scanned = scanWithoutIndexes();
            try (FileStore store = FileStore.open(dir,
                    FileStoreOptions.defaults(StoreLimits.NONE.withMaxMsgsPerSubject(1)).withBlockSize(64 * 1024))) {
                assertThat(store.recovery().indexedBlocks()).as("blocks read from their index, round %d", rounds)
                        .isGreaterThanOrEqualTo(store.recovery().blocks() - 2);
                assertThat(store.state()).as("recovered from indexes = a full scan").isEqualTo(scanned);
                for (Map.Entry<String, Long> e : newestAcked.entrySet()) {
                    StoredMessage last = store.loadLast(e.getKey()).orElse(null);
                    assertThat(last).as("key %s after round %d", e.getKey(), rounds).isNotNull();
                    assertThat(last.seq()).as("key %s after round %d", e.getKey(), rounds)
                            .isGreaterThanOrEqualTo(e.getValue());
                }
                assertThat(store.state().msgs()).as("one message per key").isEqualTo(store.state().numSubjects());
                appended = store.state().lastSeq();
            }
        }
        assertThat(rounds).as("kill rounds within %s", BUDGET).isGreaterThanOrEqualTo(ROUNDS);
        assertThat(newestAcked).containsKey("kv.pinned");
        long blockFiles;
        try (Stream<Path> files = Files.list(dir.resolve("msgs"))) {
            blockFiles = files.filter(f -> f.toString().endsWith(".blk")).count();
        }
        System.out.printf("compaction crash test: %d kills, %d appends, %d block files%n", rounds, appended,
                blockFiles);
        // ~250 messages a block: without compaction every block keeps a live key.
        assertThat(blockFiles).as("block files after %d appends", appended)
                .isLessThan(Math.max(12, appended / 250 / 4));
    }

    /** What a store holds when every block of a copy (no index) is scanned. */
    private StoreState scanWithoutIndexes() throws IOException {
        Path copy = Files.createTempDirectory(dir.getParent(), "scan");
        try {
            Files.createDirectories(copy.resolve("msgs"));
            try (Stream<Path> files = Files.list(dir.resolve("msgs"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".blk")).toList()) {
                    Files.copy(file, copy.resolve("msgs").resolve(file.getFileName()));
                }
            }
            try (FileStore scan = FileStore.open(copy,
                    FileStoreOptions.defaults(StoreLimits.NONE.withMaxMsgsPerSubject(1)).withBlockSize(64 * 1024))) {
                return scan.state();
            }
        } finally {
            try (Stream<Path> all = Files.walk(copy)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Starts the child, kills it {@code delayMillis} after its first append; the newest ack per key. */
    private Map<String, Long> runAndKill(int delayMillis) throws IOException, InterruptedException {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        CrashChild.runAndKill(dir, delayMillis, line -> {
            String[] parts = line.split(" ");
            acked.merge(parts[1], Long.parseLong(parts[0]), Math::max);
        }, "kv");
        return acked;
    }
}
