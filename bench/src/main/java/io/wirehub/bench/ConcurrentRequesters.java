package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Runs requester loops side by side, each on its own thread, and merges their histograms. */
final class ConcurrentRequesters {
    private ConcurrentRequesters() {
    }

    /** @param withRate whether to add the round trips per second of all requesters together */
    static List<Scenario.Figure> run(List<Callable<Histogram>> loads, boolean withRate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(loads.size());
        try {
            long start = System.nanoTime();
            List<Future<Histogram>> running = new ArrayList<>();
            for (Callable<Histogram> load : loads) {
                running.add(pool.submit(load));
            }
            Histogram all = LatencyFigures.histogram();
            for (Future<Histogram> future : running) {
                all.add(future.get(300, TimeUnit.SECONDS));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return withRate ? LatencyFigures.withRate(all, seconds, "req/s") : LatencyFigures.of(all);
        } finally {
            pool.shutdownNow();
        }
    }
}
