package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** syncAlways fsyncs every append before it returns, but concurrent appenders share a force(). */
class GroupCommitTest {
    private static final int APPENDERS = 64;
    private static final int EACH = 40;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersShareForces() throws Exception {
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        long forces;
        try (FileStore store = FileStore.open(dir, FileStoreOptions.defaults(StoreLimits.NONE).withSyncAlways(true))) {
            runAppenders(store, seqs);
            forces = store.groupCommitForces();
            assertThat(store.state().msgs()).isEqualTo(APPENDERS * EACH);
        }
        int appends = APPENDERS * EACH;
        System.out.printf("group commit: %d appends from %d threads, %d fsyncs%n", appends, APPENDERS, forces);
        assertThat(seqs).hasSize(appends);
        assertThat(forces).as("fsyncs for %d appends", appends).isPositive().isLessThan(appends / 4);
    }

    @Test
    void withoutSyncAlwaysNothingIsForcedPerAppend() throws Exception {
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        try (FileStore store = FileStore.open(dir, FileStoreOptions.defaults(StoreLimits.NONE))) {
            runAppenders(store, seqs);
            assertThat(store.groupCommitForces()).isZero();
        }
        assertThat(seqs).hasSize(APPENDERS * EACH);
    }

    private static void runAppenders(FileStore store, Set<Long> seqs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        seqs.add(store.append("load." + thread, null,
                                ("message " + i).getBytes(StandardCharsets.UTF_8)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
