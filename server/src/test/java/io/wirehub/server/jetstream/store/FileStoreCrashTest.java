package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of appends: every sequence an append returned is there after reopening,
 * and the stream has no holes. Each round kills a child JVM ({@link CrashAppender}) writing to
 * the same store, after a random delay, so recovery also runs over the previous rounds' kills.
 * Every other round writes 2 KiB blocks, so a block is sealed, forced and indexed every ten
 * appends and kills land while an index is written (a leftover temporary index shows one did);
 * the reopened store reads every block but the last one or two (a kill mid-roll) from its
 * index, and holds what a full scan of the blocks holds.
 */
class FileStoreCrashTest {
    /** CI's short loop; {@code -Dwirehub.storeKillRuns=N -Dwirehub.storeKillBudgetSeconds=S} for a long one. */
    private static final int ROUNDS = Integer.getInteger("wirehub.storeKillRuns", 30);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("wirehub.storeKillBudgetSeconds", 60));

    @TempDir
    Path dir;

    @Test
    void killedAppendsLoseNothingAcknowledged() throws Exception {
        Random random = new Random();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long acknowledged = 0;
        int rounds = 0;
        int damagedRecoveries = 0;
        long tornIndexWrites = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            List<Long> acked = runAndKill(random.nextInt(5, 150), rounds % 2 == 0 ? 64 * 1024 : 2048);
            rounds++;
            tornIndexWrites += countFiles(BlockIndex.TEMPORARY_SUFFIX);
            StoreState scanned = scanWithoutIndexes();
            try (FileStore store = FileStore.open(dir, FileStoreOptions.defaults(StoreLimits.NONE))) {
                damagedRecoveries += store.recovery().clean() ? 0 : 1;
                StoreState state = store.state();
                assertThat(state).as("recovered from indexes = a full scan, round %d", rounds).isEqualTo(scanned);
                for (long seq : acked) {
                    assertThat(store.load(seq)).as("acknowledged seq %d after round %d", seq, rounds).isPresent();
                }
                assertThat(state.firstSeq()).isEqualTo(1);
                assertThat(state.numDeleted()).as("holes after round %d", rounds).isZero();
                assertThat(state.msgs()).isEqualTo(state.lastSeq());
                if (!acked.isEmpty()) {
                    assertThat(state.lastSeq()).isGreaterThanOrEqualTo(acked.getLast());
                }
                acknowledged = Math.max(acknowledged, state.lastSeq());
                // After what was kept is checked: an unread index costs time, not data.
                assertThat(store.recovery().indexedBlocks()).as("blocks read from their index, round %d", rounds)
                        .isGreaterThanOrEqualTo(store.recovery().blocks() - 2);
            }
        }
        System.out.printf("crash test: %d kills, %d messages, %d recoveries cut a torn tail, %d kills during an"
                + " index write%n", rounds, acknowledged, damagedRecoveries, tornIndexWrites);
        assertThat(rounds).as("kill rounds within %s", BUDGET).isGreaterThanOrEqualTo(ROUNDS);
        assertThat(acknowledged).as("appends acknowledged over all rounds").isPositive();
    }

    /** Starts the appender, kills it {@code delayMillis} after its first append, returns what it acked. */
    private List<Long> runAndKill(int delayMillis, long blockSize) throws IOException, InterruptedException {
        List<Long> acked = new CopyOnWriteArrayList<>();
        CrashChild.runAndKill(dir, delayMillis, line -> acked.add(Long.parseLong(line)), Long.toString(blockSize));
        return new ArrayList<>(acked);
    }

    private long countFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("msgs"))) {
            return files.filter(f -> f.toString().endsWith(suffix)).count();
        }
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
            try (FileStore scan = FileStore.open(copy, FileStoreOptions.defaults(StoreLimits.NONE))) {
                assertThat(scan.recovery().indexedBlocks()).isZero();
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
}
