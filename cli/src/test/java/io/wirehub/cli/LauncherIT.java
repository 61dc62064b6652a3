package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as users run it: the {@code ./wirehub} launcher on the jars just
 * packaged (its class path for serve is put together separately from the tests' one, so this is
 * where a missing library shows).
 */
class LauncherIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Pattern PORT = Pattern.compile("nats://127\\.0\\.0\\.1:(\\d+)");

    private static ProcessBuilder launcher(Path log, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(REPOSITORY.resolve("wirehub").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("WIREHUB_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    @Test
    void versionThroughTheLauncher(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.log");
        Process p = launcher(log, "--version").start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(log)).startsWith("nats-server: v").contains("\nwirehub ");
    }

    @Test
    void serveThroughTheLauncherWithBcryptUsers(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.conf");
        Files.writeString(config, "authorization { users = [ { user: alice, password: \""
                + "$2a$06$d5Ng6MwbJ1ktOUBMANq1neWf8s0byI7801VLpvb8Y.4ZEH2uAv0uG\" } ] }\n");
        Path log = dir.resolve("serve.log");
        Process p = launcher(log, "serve", "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1",
                "--ports_file_dir", dir.toString()).start();
        try {
            int port = Await.value(WAIT, () -> port(dir), found -> found > 0, "the ports file");
            try (RawClient client = RawClient.connect("127.0.0.1", port)) {
                client.expectLineStartingWith("INFO {");
                client.send("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"s3cret\"}\r\nPING\r\n");
                client.expectLine("PONG");
            }
            Await.until(WAIT, () -> read(log).contains("[INF] Server is ready"), "ready line");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as(read(log)).isZero();
    }

    /**
     * {@code --memory-limit} sizes the JVM before it starts (the heap gets 70%), the server reports
     * the limit in /varz and says it in the log; GOMEMLIMIT does the same, as for nats-server.
     */
    @Test
    void memoryLimitSizesTheJvmAndShowsInVarz(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        int http = freePort();
        Process p = launcher(log, "serve", "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString(),
                "-m", Integer.toString(http), "--memory-limit", "256MiB").start();
        try {
            Await.until(WAIT, () -> read(log).contains("[INF] Server is ready"), "ready line");
            assertThat(read(log)).contains("Memory limit 256 MiB (heap at most ");
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            assertThat(cmdline).contains("-Xmx179m", "-XX:MaxDirectMemorySize=25m", "-XX:G1PeriodicGCInterval=15000");
            String varz = Await.value(WAIT, () -> http("http://127.0.0.1:" + http + "/varz"), body -> !body.isEmpty(),
                    "/varz");
            assertThat(varz).contains("\"memory_limit\": 268435456");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aMemoryLimitThatIsNotASizeStopsTheLauncherWithWhy(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        ProcessBuilder builder = launcher(log, "serve", "-p", "-1");
        builder.environment().put("GOMEMLIMIT", "lots");
        Process p = builder.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(read(log)).isEqualTo("wirehub: memory limit \"lots\" is not a size: give bytes or a size such as"
                + " 512MiB or 2GiB\n");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String http(String url) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int port(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ports")).toList()) {
                Matcher m = PORT.matcher(Files.readString(file));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // Not written yet.
        }
        return -1;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
