package io.wirehub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run --soak MINUTES [--soak-interval SECONDS] [--wirehub-jar JAR] [--wirehub-jvm 'OPTIONS']}:
 * the soak against {@code java -jar cli/target/wirehub.jar serve}. Exits 1 when a figure grew past
 * its bound.
 */
final class SoakCommand {
    private SoakCommand() {
    }

    /** The exit status: 0 when every figure stayed flat. */
    static int run(String[] args) throws Exception {
        double minutes = 0;
        long intervalSeconds = 60;
        Path jar = Path.of("cli/target/wirehub.jar");
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--soak" -> minutes = Double.parseDouble(args[++i]);
                case "--soak-interval" -> intervalSeconds = Long.parseLong(args[++i]);
                case "--wirehub-jar" -> jar = Path.of(args[++i]);
                case "--wirehub-jvm" -> jvm.addAll(Arrays.asList(args[++i].split(" ")));
                default -> throw new IllegalArgumentException("unknown option with --soak: " + args[i]
                        + " (known: --soak MINUTES --soak-interval SECONDS --wirehub-jar JAR --wirehub-jvm 'OPTIONS')");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no Wirehub jar at " + jar + " (build it: ./wirehub --version)");
        }
        Path serverJar = jar;
        Soak soak = new Soak(Duration.ofMillis(Math.round(minutes * 60_000)), Duration.ofSeconds(intervalSeconds),
                System.out);
        Soak.Result result = soak.run(serveArgs -> BenchServer.wirehubWithArgs(serverJar, jvm, serveArgs));
        soak.report(result);
        return result.anyGrowing() ? 1 : 0;
    }
}
