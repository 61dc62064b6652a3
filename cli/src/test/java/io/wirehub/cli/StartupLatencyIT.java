package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.testkit.internal.BusyCore;
import io.wirehub.testkit.internal.StartLatency;
import io.wirehub.testkit.internal.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirement harnesses built for nats-server impose (io.nats:jnats-server-runner, nats.node's
 * launcher): they exec the server and connect once about 100 ms later, and a refused connect fails
 * the test. So {@code ./wirehub serve} must accept within 100 ms of exec every time, with the
 * command lines and config files such harnesses pass, even with one core kept busy by other work;
 * INFO follows when the server is up (clients wait for it with their connect timeout).
 */
class StartupLatencyIT {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final int STARTS = 20;
    private static final Duration HARNESS_WAIT = Duration.ofMillis(100);
    /** A start that has not sent INFO by then has failed (jnats's connect timeout is 2 s; this is slack for CI). */
    private static final Duration INFO_DEADLINE = Duration.ofSeconds(15);

    @Test
    void everyStartAcceptsWithinAHarnessesWaitWithACoreBusy(@TempDir Path dir) throws Exception {
        TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
        List<IntFunction<List<String>>> commandLines = harnessCommandLines(dir);
        Path log = dir.resolve("serve.log");
        int[] next = {0};
        StartLatency.Figures figures;
        try (BusyCore busy = BusyCore.start(Duration.ofMinutes(3))) {
            figures = StartLatency.measure(port -> {
                List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("wirehub").toString(), "serve"));
                command.addAll(commandLines.get(next[0]++ % commandLines.size()).apply(port));
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().put("WIREHUB_NO_BUILD", "1");
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                return builder;
            }, STARTS, INFO_DEADLINE);
        }
        System.out.println("./wirehub serve, one core busy: " + figures.summary());
        assertThat(figures.worstConnectMillis()).as("worst exec→connect of %s (the log: %s)", figures.summary(), log)
                .isLessThan(HARNESS_WAIT.toMillis());
    }

    /** What harnesses pass: flags, a config file with the port in it, users, a token, TLS files relative to the working directory. */
    private static List<IntFunction<List<String>>> harnessCommandLines(Path dir) {
        return List.of(
                port -> List.of("-a", "127.0.0.1", "-p", Integer.toString(port)),
                port -> List.of("--config", config(dir, port, "authorization { users = [ { user: alice, password: "
                        + "\"$2a$06$d5Ng6MwbJ1ktOUBMANq1neWf8s0byI7801VLpvb8Y.4ZEH2uAv0uG\" } ] }\n"), "-DV"),
                port -> List.of("--config", config(dir, port, "max_payload: 65536\n"), "--user", "u", "--pass", "p"),
                port -> List.of("--config", config(dir, port, ""), "--auth", "s3cr3t"),
                port -> List.of("--config", config(dir, port, "tls {\n  cert_file: \"certs/server.pem\"\n"
                        + "  key_file: \"certs/server-key.pem\"\n  timeout: 2\n}\n")));
    }

    /** A config file as jnats-server-runner writes it: the given lines, then {@code port: N}. */
    private static String config(Path dir, int port, String body) {
        Path file = dir.resolve("nats_java_test" + port + ".conf");
        try {
            Files.writeString(file, body + "port: " + port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }
}
