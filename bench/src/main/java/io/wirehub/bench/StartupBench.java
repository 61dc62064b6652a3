package io.wirehub.bench;

import io.wirehub.testkit.internal.BusyCore;
import io.wirehub.testkit.internal.StartLatency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * {@code bench/run --startup [--starts N]}: how soon a freshly exec'd server accepts its first
 * connection and sends INFO, for {@code ./wirehub serve} (as users run it: the launcher, the
 * start-up archive) and nats-server, on an idle machine and with one core kept busy; the figures of
 * docs/benchmarks.md's Start-up section. Same flags for both: {@code -a 127.0.0.1 -p PORT}.
 */
final class StartupBench {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private StartupBench() {
    }

    static void run(String[] args) throws Exception {
        int starts = 20;
        Path nats = Path.of("/usr/sbin/nats-server");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[++i]);
                case "--nats-server" -> nats = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option with --startup: " + args[i]
                        + " (known: --starts N --nats-server BIN)");
            }
        }
        Path launcher = Path.of("wirehub").toAbsolutePath();
        if (!Files.isExecutable(launcher) || !Files.isExecutable(nats)) {
            throw new IllegalArgumentException("run from the repository root, with nats-server at " + nats);
        }
        // The launcher builds and records its start-up archive on first use: not inside a measurement.
        Process first = new ProcessBuilder(launcher.toString(), "--version").inheritIO().start();
        if (!first.waitFor(10, TimeUnit.MINUTES) || first.exitValue() != 0) {
            throw new IllegalStateException("./wirehub --version failed");
        }
        String wirehub = launcher.toString();
        String natsServer = nats.toString();
        List<String> rows = new ArrayList<>();
        for (boolean busy : new boolean[] {false, true}) {
            rows.add(row("`./wirehub serve`", busy, measure(port -> command(wirehub, "serve", port), starts, busy)));
            rows.add(row("nats-server", busy, measure(port -> command(natsServer, null, port), starts, busy)));
        }
        System.out.println("| server | machine | exec→connect median | worst | exec→INFO median | worst |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static StartLatency.Figures measure(IntFunction<ProcessBuilder> command, int starts, boolean busy)
            throws Exception {
        if (!busy) {
            return StartLatency.measure(command, starts, DEADLINE);
        }
        try (BusyCore core = BusyCore.start(Duration.ofMinutes(5))) {
            return StartLatency.measure(command, starts, DEADLINE);
        }
    }

    private static ProcessBuilder command(String program, String verb, int port) {
        List<String> words = new ArrayList<>(List.of(program));
        if (verb != null) {
            words.add(verb);
        }
        words.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
        return new ProcessBuilder(words).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    private static String row(String server, boolean busy, StartLatency.Figures f) {
        return String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |", server,
                busy ? "one core busy" : "idle", f.medianConnectMillis(), f.worstConnectMillis(), f.medianInfoMillis(),
                f.worstInfoMillis());
    }
}
