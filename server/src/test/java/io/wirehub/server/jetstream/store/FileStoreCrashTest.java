package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of appends: every sequence an append returned is there after reopening,
 * and the stream has no holes. Each round kills a child JVM ({@link CrashAppender}) writing to
 * the same store, after a random delay, so recovery also runs over the previous rounds' kills.
 */
class FileStoreCrashTest {
    private static final int ROUNDS = 30;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killedAppendsLoseNothingAcknowledged() throws Exception {
        Random random = new Random();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long acknowledged = 0;
        int rounds = 0;
        int damagedRecoveries = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            List<Long> acked = runAndKill(random.nextInt(5, 150));
            rounds++;
            try (FileStore store = FileStore.open(dir, FileStoreOptions.defaults(StoreLimits.NONE))) {
                damagedRecoveries += store.recovery().clean() ? 0 : 1;
                StoreState state = store.state();
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
            }
        }
        System.out.printf("crash test: %d kills, %d messages, %d recoveries cut a torn tail%n", rounds, acknowledged,
                damagedRecoveries);
        assertThat(rounds).as("kill rounds within %s", BUDGET).isGreaterThanOrEqualTo(ROUNDS);
        assertThat(acknowledged).as("appends acknowledged over all rounds").isPositive();
    }

    /** Starts the appender, kills it {@code delayMillis} after its first append, returns what it acked. */
    private List<Long> runAndKill(int delayMillis) throws IOException, InterruptedException {
        List<Long> acked = new CopyOnWriteArrayList<>();
        CrashChild.runAndKill(dir, delayMillis, line -> acked.add(Long.parseLong(line)));
        return new ArrayList<>(acked);
    }
}
