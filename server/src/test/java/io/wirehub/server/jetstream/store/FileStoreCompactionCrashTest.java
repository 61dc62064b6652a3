package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while blocks are being compacted: a child writes as a Key-Value bucket does (one
 * message per subject, keys overwritten at random, one key written once and never again), so
 * closed blocks are merged all the time. After each kill the reopened store holds, for every
 * key, the newest acknowledged value or a newer one, and nothing twice; and the number of block
 * files stays bounded across all the rounds.
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
            try (FileStore store = FileStore.open(dir,
                    FileStoreOptions.defaults(StoreLimits.NONE.withMaxMsgsPerSubject(1)).withBlockSize(64 * 1024))) {
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

    /** Starts the child, kills it {@code delayMillis} after its first append; the newest ack per key. */
    private Map<String, Long> runAndKill(int delayMillis) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), CrashAppender.class.getName(), dir.toString(), "kv")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> read(child, acked));
        try {
            long firstDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acked.isEmpty() && child.isAlive() && System.nanoTime() < firstDeadline) {
                Thread.sleep(2); // polling for the first acknowledgement, with a deadline
            }
            assertThat(acked).as("the child acknowledged something (alive: %s)", child.isAlive()).isNotEmpty();
            Thread.sleep(delayMillis); // the random moment of the crash, not synchronisation
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return acked;
    }

    private static void read(Process child, Map<String, Long> acked) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("ok ") && line.endsWith(";")) {
                    String[] parts = line.substring(3, line.length() - 1).split(" ");
                    acked.merge(parts[1], Long.parseLong(parts[0]), Math::max);
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child dies.
        }
    }
}
