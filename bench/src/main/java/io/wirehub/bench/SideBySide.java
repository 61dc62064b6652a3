package io.wirehub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the same loads against Wirehub and nats-server in one go, alternating between them round
 * after round, and prints each figure with its spread and the Wirehub/nats-server ratio.
 *
 * <pre>
 * java -jar bench/target/wirehub-bench.jar [--quick] [--transports | --curves] [--only REGEX] [--rounds N] [--msgs N] [--json FILE]
 *      [--wirehub-jar cli/target/wirehub.jar] [--nats-server /usr/sbin/nats-server]
 * java -jar bench/target/wirehub-bench.jar --soak MINUTES [--soak-interval SECONDS]   (Wirehub alone, {@link Soak})
 * </pre>
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--charts")) {
            io.wirehub.bench.charts.ChartCommand.main(args);
            return;
        }
        if (args.length > 0 && args[0].equals("--startup")) {
            StartupBench.run(args);
            return;
        }
        if (Arrays.asList(args).contains("--soak")) {
            System.exit(SoakCommand.run(args));
        }
        if (Arrays.asList(args).contains("--files")) {
            runFileTransfer(args);
            return;
        }
        Settings settings = Settings.parse(args);
        List<Scenario> scenarios = ScenarioList.matching(settings.transports()
                ? ScenarioList.transports(settings.messages())
                : settings.curves() ? ScenarioList.curves(settings.messages())
                : ScenarioList.full(settings.messages(), settings.natsServer()), settings.only());
        TransportEndpoints ours = null;
        TransportEndpoints theirs = null;
        if (settings.transports()) {
            Path certificates = TransportEndpoints.makeCertificates(settings.wirehubJar());
            ours = TransportEndpoints.forServer(certificates, true);
            theirs = TransportEndpoints.forServer(certificates, false);
        }
        ResultTable table = new ResultTable();
        // JetStream loads: both servers get -js and a store directory of their own, removed afterwards.
        boolean jetStream = scenarios.stream().anyMatch(Scenario::needsJetStream);
        Path ourStore = jetStream ? Files.createTempDirectory("bench-js-wirehub-") : null;
        Path theirStore = jetStream ? Files.createTempDirectory("bench-js-nats-") : null;
        try (BenchServer wirehub = BenchServer.wirehub(settings.wirehubJar(), settings.wirehubJvmOptions(), ours,
                     jetStreamArguments(ourStore));
             BenchServer nats = BenchServer.natsServer(settings.natsServer(), theirs, jetStreamArguments(theirStore))) {
            List<BenchServer> servers = List.of(wirehub, nats);
            Set<String> warmCurves = new HashSet<>();
            for (Scenario scenario : scenarios) {
                System.err.println("== " + scenario.name());
                // A warm-up run per load; along a curve, the first point warms up the rest.
                boolean warmUp = scenario.curvePoint() == null || warmCurves.add(scenario.curvePoint().curve());
                try {
                    runRounds(scenario, servers, settings, table, warmUp);
                } finally {
                    for (BenchServer server : servers) {
                        if (scenario.runsOn(server)) {
                            scenario.finish(server);
                        }
                    }
                }
            }
        }
        deleteTree(ourStore);
        deleteTree(theirStore);
        System.out.println(table.render("wirehub", "nats-server"));
        if (settings.json() != null) {
            Files.writeString(settings.json(), table.json());
        }
    }

    /** A warm-up run (unless {@code warmUp} is false), then the rounds, alternating which server goes first. */
    private static void runRounds(Scenario scenario, List<BenchServer> servers, Settings settings, ResultTable table,
                                  boolean warmUp) throws Exception {
        for (BenchServer server : servers) {
            if (warmUp && scenario.runsOn(server)) {
                scenario.run(server, settings.scale() * 0.3);
            }
        }
        for (int round = 0; round < settings.rounds(); round++) {
            // Alternate who goes first, so neither always runs on a fresher machine.
            List<BenchServer> order = round % 2 == 0 ? servers : servers.reversed();
            for (BenchServer server : order) {
                if (!scenario.runsOn(server)) {
                    continue;
                }
                List<Scenario.Figure> figures = scenario.run(server, settings.scale());
                System.err.println("   " + server.name() + " round " + (round + 1) + ": " + brief(figures));
                table.add(scenario.name(), scenario.curvePoint(), server.name(), figures);
            }
        }
    }

    /** {@code --files [--file-size BYTES] [--rounds N] [--chunk-size BYTES] [--window CHUNKS]}: put and get through an Object Store bucket against a raw loopback copy. */
    private static void runFileTransfer(String[] args) throws Exception {
        long size = 1L << 30;
        int rounds = 3;
        Path jar = Path.of("cli/target/wirehub.jar");
        List<String> jvm = new ArrayList<>();
        int chunkSize = 0;
        int window = 16;
        Path nats = Path.of("/usr/sbin/nats-server");
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> { }
                case "--nats-server" -> nats = Path.of(args[++i]);
                case "--no-nats" -> nats = null;
                case "--chunk-size" -> chunkSize = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--file-size" -> size = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--wirehub-jar" -> jar = Path.of(args[++i]);
                case "--baseline-jar" -> baseline = Path.of(args[++i]);
                case "--wirehub-jvm" -> jvm.addAll(Arrays.asList(args[++i].split(" ")));
                default -> throw new IllegalArgumentException("unknown option with --files: " + args[i]
                        + " (known: --file-size BYTES --rounds N --chunk-size BYTES --window CHUNKS --wirehub-jar JAR"
                        + " --baseline-jar JAR"
                        + " --nats-server BINARY --no-nats"
                        + " --wirehub-jvm 'OPTIONS')");
            }
        }
        FileTransferBench.run(jar, jvm, nats, size, rounds, chunkSize, window, baseline);
    }

    private static List<String> jetStreamArguments(Path storeDir) {
        return storeDir == null ? List.of() : List.of("-js", "-sd", storeDir.toString());
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String brief(List<Scenario.Figure> figures) {
        StringBuilder out = new StringBuilder();
        for (Scenario.Figure figure : figures) {
            out.append(String.format(java.util.Locale.ROOT, "%s=%,.1f %s  ", figure.name(), figure.value(), figure.unit()));
        }
        return out.toString().trim();
    }

    /** Command-line settings with defaults for a full run of a few minutes. */
    record Settings(boolean quick, int rounds, int messages, Path json, Path wirehubJar, Path natsServer,
                    List<String> wirehubJvmOptions, boolean transports, boolean curves, String only) {

        double scale() {
            return quick ? 0.2 : 1.0;
        }

        static Settings parse(String[] args) {
            boolean quick = false;
            boolean transports = false;
            boolean curves = false;
            String only = null;
            int rounds = 3;
            int messages = 2_000_000;
            Path json = null;
            Path jar = Path.of("cli/target/wirehub.jar");
            Path nats = Path.of("/usr/sbin/nats-server");
            List<String> jvm = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--transports" -> transports = true;
                    case "--curves" -> curves = true;
                    case "--only" -> only = args[++i];
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--msgs" -> messages = Integer.parseInt(args[++i]);
                    case "--json" -> json = Path.of(args[++i]);
                    case "--wirehub-jar" -> jar = Path.of(args[++i]);
                    case "--nats-server" -> nats = Path.of(args[++i]);
                    case "--wirehub-jvm" -> jvm.addAll(Arrays.asList(args[++i].split(" ")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --quick --transports --curves --only REGEX --rounds N --msgs N --json FILE --wirehub-jar JAR --nats-server BIN"
                            + " --wirehub-jvm 'OPTIONS')");
                }
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no Wirehub jar at " + jar + " (build it: ./wirehub --version)");
            }
            if (!Files.isExecutable(nats)) {
                throw new IllegalArgumentException("no nats-server at " + nats + " (apt-get install nats-server)");
            }
            return new Settings(quick, rounds, messages, json, jar, nats, jvm, transports, curves, only);
        }
    }
}
