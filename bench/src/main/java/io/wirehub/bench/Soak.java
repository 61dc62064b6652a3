package io.wirehub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The soak: one Wirehub process under a mixed, rate-bounded load (pub/sub with a wildcard and a
 * queue group, request-reply, connection churn, a slow consumer, file transfers, JetStream publishes
 * and a pull consumer) for a set time,
 * with one line of server figures and rates per interval, then a verdict per figure: flat, or
 * growing past its bound ({@link SoakGrowth}). Everything runs on 127.0.0.1 and stops by itself:
 * the loads, then the server process, then the temporary store.
 *
 * <p>The whole load is about 2,500 msgs/s and 3 MB/s of files; on a 2-core machine the server and
 * the load together take roughly a fifth of it (the samples show both CPU shares).
 */
final class Soak {
    /** The figures judged, with their bounds. */
    static final List<Judged> JUDGED = List.of(
            new Judged(SoakGrowth.bytes("heap after GC", 0.20, 8), s -> s.server().heapAfterGc()),
            new Judged(SoakGrowth.bytes("RSS", 0.15, 24), s -> s.server().rss()),
            new Judged(SoakGrowth.count("open fds", 10), s -> s.server().fds()),
            new Judged(SoakGrowth.count("threads", 5), s -> s.server().threads()),
            new Judged(SoakGrowth.count("connections", 10), s -> s.server().connections()));

    record Judged(SoakGrowth growth, ToDoubleFunction<Sample> figure) {
    }

    /** Starts the server process with the given extra {@code serve} arguments. */
    interface ServerStarter {
        BenchServer start(List<String> serveArgs) throws IOException;
    }

    /** One interval: the server's figures at its end and the rates over it. */
    record Sample(double elapsedSeconds, SoakServerProbe.Figures server, double publishedPerSecond,
                  double deliveredPerSecond, double requestsPerSecond, double connectsPerSecond,
                  double fileBytesPerSecond, double jsPerSecond, double serverCpuShare, double soakCpuShare) {
    }

    /** @param serverPid the server's process, stopped by the time the result is returned */
    record Result(long serverPid, List<Sample> samples, List<SoakGrowth.Verdict> verdicts, SoakCounters counters) {
        boolean anyGrowing() {
            return verdicts.stream().anyMatch(SoakGrowth.Verdict::growing);
        }
    }

    private final Duration length;
    private final Duration interval;
    private final PrintStream out;

    Soak(Duration length, Duration interval, PrintStream out) {
        if (length.toNanos() / interval.toNanos() < SoakGrowth.MIN_SAMPLES) {
            throw new IllegalArgumentException("a soak of " + length.toSeconds() + " s with a sample every "
                    + interval.toSeconds() + " s gives fewer than " + SoakGrowth.MIN_SAMPLES + " samples to judge");
        }
        this.length = length;
        this.interval = interval;
        this.out = out;
    }

    Result run(ServerStarter starter) throws Exception {
        Path work = Files.createTempDirectory("wirehub-soak-");
        try {
            Path store = Files.createDirectories(work.resolve("store"));
            Path local = Files.createDirectories(work.resolve("local"));
            int monitoringPort = BenchServer.freePort();
            List<String> serveArgs = List.of("-m", Integer.toString(monitoringPort), "-js", "--store_dir",
                    store.toString(), "--config", writeConfig(work).toString());
            try (BenchServer server = starter.start(serveArgs);
                 ServerOnExit onExit = new ServerOnExit(server);
                 SoakServerProbe probe = new SoakServerProbe(server.pid(), monitoringPort)) {
                SoakCounters counters = new SoakCounters();
                List<Sample> samples = runLoads(server, probe, counters, local);
                List<SoakGrowth.Verdict> verdicts = new ArrayList<>();
                for (Judged judged : JUDGED) {
                    verdicts.add(judged.growth().judge(samples.stream().map(s -> judged.figure().applyAsDouble(s)).toList()));
                }
                return new Result(server.pid(), samples, verdicts, counters);
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * max_pending low (4 MiB rather than 64) so the slow consumer is cut off within seconds (the
     * file transfers go to an Object Store bucket in the JetStream store, -js --store_dir).
     */
    private static Path writeConfig(Path work) throws IOException {
        return Files.writeString(work.resolve("soak.conf"), "max_pending: " + (4 << 20) + "\n");
    }

    private List<Sample> runLoads(BenchServer server, SoakServerProbe probe, SoakCounters counters, Path local)
            throws Exception {
        SoakServerProbe.Figures previous = awaitMonitoring(server, probe);
        List<SoakLoad> loads = List.of(new SoakPubSub(counters), new SoakRequestReply(counters),
                new SoakChurn(counters), new SoakSlowConsumer(counters), new SoakFileTransfers(counters, local),
                new SoakJetStream(counters));
        List<SoakLoad> started = new ArrayList<>();
        try {
            for (SoakLoad load : loads) {
                started.add(load);
                load.start(server.url());
            }
            out.printf(Locale.ROOT, "soak: Wirehub pid %d on %s, %d s, a sample every %d s (CPU %% of all %d cores)%n",
                    server.pid(), server.url(), length.toSeconds(), interval.toSeconds(), cores());
            out.println("   time  heap MiB  RSS MiB   fds  thr  conns   pub/s   dlv/s  req/s  conn/s  file MB/s"
                    + "   js/s  slow  srv CPU%  soak CPU%");
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            long lastSoakCpu = soakCpuNanos();
            long lastRequests = 0;
            long lastFileBytes = 0;
            long lastJs = 0;
            long count = length.toNanos() / interval.toNanos();
            for (long k = 1; k <= count; k++) {
                long due = start + k * interval.toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                SoakServerProbe.Figures now = probe.read(server.cpuNanos());
                long requests = counters.requests.sum();
                long fileBytes = counters.fileBytes.sum();
                long js = counters.jsConsumed.sum();
                long soakCpu = soakCpuNanos();
                double seconds = (now.nanoTime() - previous.nanoTime()) / 1e9;
                Sample sample = new Sample((System.nanoTime() - start) / 1e9, now,
                        (now.inMsgs() - previous.inMsgs()) / seconds, (now.outMsgs() - previous.outMsgs()) / seconds,
                        (requests - lastRequests) / seconds,
                        (now.totalConnections() - previous.totalConnections()) / seconds,
                        (fileBytes - lastFileBytes) / seconds, (js - lastJs) / seconds,
                        (now.cpuNanos() - previous.cpuNanos()) / 1e9 / seconds / cores(),
                        (soakCpu - lastSoakCpu) / 1e9 / seconds / cores());
                samples.add(sample);
                out.println(line(sample));
                previous = now;
                lastRequests = requests;
                lastFileBytes = fileBytes;
                lastJs = js;
                lastSoakCpu = soakCpu;
            }
            return samples;
        } finally {
            for (SoakLoad load : started.reversed()) {
                load.close();
            }
        }
    }

    /** The monitoring listener may open a moment after the client port; the first read is the baseline. */
    private static SoakServerProbe.Figures awaitMonitoring(BenchServer server, SoakServerProbe probe)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return probe.read(server.cpuNanos());
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the monitoring port did not open within 20 s", notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    static String line(Sample s) {
        long seconds = Math.round(s.elapsedSeconds());
        SoakServerProbe.Figures f = s.server();
        return String.format(Locale.ROOT, "%4d:%02d  %8.1f  %7.1f  %4d  %3d  %5d  %6.0f  %6.0f  %5.0f  %6.1f  %9.2f  %5.0f  %4d  %8.1f  %9.1f",
                seconds / 60, seconds % 60, f.heapAfterGc() / 1048576.0, f.rss() / 1048576.0, f.fds(), f.threads(),
                f.connections(), s.publishedPerSecond(), s.deliveredPerSecond(), s.requestsPerSecond(),
                s.connectsPerSecond(), s.fileBytesPerSecond() / 1e6, s.jsPerSecond(), f.slowConsumers(), s.serverCpuShare() * 100,
                s.soakCpuShare() * 100);
    }

    /** The verdicts and what the loads did, after the samples. */
    void report(Result result) {
        out.println("verdict (median of the last third of the samples against the second third):");
        for (SoakGrowth.Verdict verdict : result.verdicts()) {
            out.println("  " + verdict.describe());
        }
        SoakCounters c = result.counters();
        out.printf(Locale.ROOT, "load done: %,d msgs delivered to pub/sub subscribers, %,d requests answered,"
                        + " %,d churn connections, %,d slow-consumer cut-offs, %,d files (%,.0f MB),"
                        + " %,d JetStream publishes acknowledged and %,d consumed; %,d failed steps%s%n",
                c.delivered.sum(), c.requests.sum(), c.churned.sum(), c.slowCutOffs.sum(), c.files.sum(),
                c.fileBytes.sum() / 1e6, c.jsPublished.sum(), c.jsConsumed.sum(), c.errors.sum(), c.lastError() == null ? "" : " (last: " + c.lastError() + ")");
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static long soakCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Stops the server process when the soak's JVM is ended early (Ctrl-C), so no server outlives
     * the run; removed again when the soak ends normally.
     */
    private static final class ServerOnExit implements AutoCloseable {
        private final Thread hook;

        ServerOnExit(BenchServer server) {
            hook = new Thread(server::close, "soak-stop-server");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it stops the server.
            }
        }
    }
}
