package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawClient;
import io.wirehub.testkit.internal.RawWebSocket;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirehub serve} as a separate process, the way a harness written for nats-server runs it:
 * config file, ports file, pid file, log lines, and signals.
 */
class ServeProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PORT = Pattern.compile("\"nats://127\\.0\\.0\\.1:(\\d+)\"");

    private Process process;
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(Path dir, String... serveArgs) throws Exception {
        return start(dir, List.of(), true, serveArgs);
    }

    /** As the launcher starts it: with the JVM's suspend signal moved off USR2 unless told otherwise. */
    private Process start(Path dir, List<String> jvmOptions, boolean launcherEnvironment, String... serveArgs)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        command.addAll(List.of(serveArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("_JAVA_SR_SIGNUM");
        if (launcherEnvironment) {
            builder.environment().put("_JAVA_SR_SIGNUM", "39");
        }
        process = builder.start();
        Thread.ofVirtual().start(() -> collect(process.getInputStream()));
        return process;
    }

    /** The lines logged so far: a copy, since the collecting thread keeps adding. */
    private List<String> logLines() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    private void collect(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.add(line);
            }
        } catch (java.io.IOException ended) {
            // The process went away; what was read is kept.
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Path portsFile(Path dir, long pid) {
        return dir.resolve("wirehub_" + pid + ".ports");
    }

    @Test
    void startsFromAHarnessStyleConfigWritesPortsFileAndStopsOnTerm(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.conf");
        Files.writeString(config, "# written by a test harness\nmax_payload: 65536\nping_interval: \"30s\"\nport: -1\n");
        Process p = start(dir, "--config", config.toString(), "-a", "127.0.0.1", "--ports_file_dir", dir.toString(),
                "-P", dir.resolve("wirehub.pid").toString(), "-DV");
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).as("ports file lists the client URL: %s", Files.readString(ports)).isTrue();
        int port = Integer.parseInt(m.group(1));
        assertThat(Files.readString(dir.resolve("wirehub.pid")).trim()).isEqualTo(Long.toString(p.pid()));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            String info = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(info).startsWith("INFO {").contains("\"max_payload\":65536");
        }
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.endsWith("[INF] Server is ready")), "ready line logged");
        // -DV: debug lines and the protocol trace, in nats-server's format.
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("[TRC]") && l.contains("\"->> [INFO {")),
                "INFO traced");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("[DBG]") && l.contains("Client connection closed")),
                "close logged at debug level");

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped after TERM").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(ports).as("ports file removed at shutdown").doesNotExist();
    }

    @Test
    void jetStreamFlagsStartTheApiInTheStoreDir(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("data");
        Process p = start(dir, "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString(), "-js", "-sd",
                store.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).isTrue();
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.endsWith("[INF] Server is ready")), "ready line logged");
        assertThat(logLines()).anyMatch(l -> l.contains("Store Directory: \"" + store.resolve("jetstream") + "\""));
        try (io.nats.client.Connection nc = io.nats.client.Nats.connect("nats://127.0.0.1:" + m.group(1))) {
            assertThat(nc.getServerInfo().isJetStreamAvailable()).isTrue();
            assertThat(nc.jetStreamManagement().getAccountStatistics().getLimits().getMaxStreams()).isEqualTo(-1);
        }
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unixSocketAndUdpFlags(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("wh.sock");
        Process p = start(dir, "-a", "127.0.0.1", "-p", "-1", "--unix", socket.toString(), "--udp", "-1");
        Pattern udpLine = Pattern.compile("Listening for UDP publishes on 127\\.0\\.0\\.1:(\\d+)");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.endsWith("[INF] Server is ready")), "ready line logged");
        assertThat(logLines()).anyMatch(l -> l.contains("Listening for client connections on unix socket " + socket
                + " (rw-------)"));
        int udpPort = logLines().stream().map(udpLine::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
        try (RawClient client = RawClient.connectUnix(socket);
             java.nio.channels.DatagramChannel udp = java.nio.channels.DatagramChannel.open()) {
            client.handshake().send("SUB over.udp 1\r\nPING\r\n").expectLine("PONG");
            udp.send(java.nio.ByteBuffer.wrap("PUB over.udp 2\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)),
                    new java.net.InetSocketAddress("127.0.0.1", udpPort));
            client.expectLine("MSG over.udp 1 2");
            client.expectLine("hi");
        }
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket).as("socket file removed at shutdown").doesNotExist();
    }

    @Test
    void webSocketListenerIsInThePortsFileAndWarnsWithoutTls(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("ws.conf");
        Files.writeString(config, "websocket { host: 127.0.0.1, port: -1, no_tls: true }\n");
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir",
                dir.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher ws = Pattern.compile("\"websocket\":\\[\"ws://127\\.0\\.0\\.1:(\\d+)\"\\]")
                .matcher(Files.readString(ports));
        assertThat(ws.find()).as("ports file: %s", Files.readString(ports)).isTrue();
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("[WRN] Websocket not configured with TLS."
                + " DO NOT USE IN PRODUCTION!")), "nats-server's warning logged");
        try (RawWebSocket client = RawWebSocket.connect("127.0.0.1", Integer.parseInt(ws.group(1)))) {
            assertThat(client.readNatsLine()).startsWith("INFO {");
        }
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFlightRecordingDoesNotTriggerLameDuck(@TempDir Path dir) throws Exception {
        // JFR suspends threads with the JVM's suspend signal: SIGUSR2 unless the launcher moved it.
        Process p = start(dir, List.of("-XX:StartFlightRecording=filename=" + dir.resolve("r.jfr") + ",settings=profile"),
                true, "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.endsWith("[INF] Server is ready")), "ready line logged");
        // JFR's sampler starts within its first seconds; give it those, then USR2 must still mean lame duck.
        long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (System.nanoTime() < quiet) {
            assertThat(logLines()).noneMatch(l -> l.contains("lame duck"));
            Thread.sleep(100); // watching a quiet period, not waiting for an event
        }
        new ProcessBuilder("kill", "-USR2", Long.toString(p.pid())).start().waitFor();
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("Entering lame duck mode")), "USR2 still works");
    }

    @Test
    void withoutTheLauncherUsr2IsLeftToTheJvmAndSaysSo(@TempDir Path dir) throws Exception {
        start(dir, List.of(), false, "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("SIGUSR2 (lame duck mode) is not handled")),
                "warning logged");
    }

    @Test
    void authFlagsAndReloadOnHup(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("auth.conf");
        Files.writeString(config, "authorization { users = [ { user: alice, password: a, "
                + "permissions: { subscribe: [\"foo.>\"] } } ] }\n");
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).isTrue();
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("INFO ").contains("\"auth_required\":true");
            out.write("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"a\"}\r\nSUB foo.x 1\r\nSUB foo.y 2\r\nPING\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("PONG");

            Files.writeString(config, "authorization { users = [ { user: alice, password: a, "
                    + "permissions: { subscribe: [\"foo.x\"] } } ] }\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            assertThat(in.readLine()).isEqualTo("-ERR 'Permissions Violation for Subscription to \"foo.y\" (sid \"2\")'");
        }
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("Reloaded authorization and limits")), "reload logged");
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void signalFlagReloadsThroughThePidFileAndQuitsByPid(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("sig.conf");
        Files.writeString(config, "authorization { users = [ { user: alice, password: a } ] }\n");
        Path pidFile = dir.resolve("wirehub.pid");
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString());
        Await.until(WAIT, () -> readOrEmpty(pidFile).trim().equals(Long.toString(p.pid())), "pid file written");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.endsWith("[INF] Server is ready")), "ready");
        assertThat(ServerSignal.runningServers()).as("found by its command line").contains(p.pid());

        CommandRun reload = CommandRun.of("serve", "--signal", "reload=" + pidFile);
        assertThat(reload.exitCode()).as(reload.err()).isZero();
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("Reloaded authorization and limits")),
                "reload logged after --signal reload");

        CommandRun unknown = CommandRun.of("serve", "-sl", "bogus=" + p.pid());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("wirehub: unknown signal \"bogus\"\n");
        assertThat(CommandRun.of("serve", "--signal", "quit=notapid").err()).isEqualTo("wirehub: invalid pid: notapid\n");

        CommandRun quit = CommandRun.of("serve", "--signal", "quit=" + p.pid());
        assertThat(quit.exitCode()).as(quit.err()).isZero();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("stopped by --signal quit (SIGINT)").isTrue();
    }

    @Test
    void signalFlagReopensTheLogEntersLameDuckAndStops(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("ldm.conf");
        Path logFile = dir.resolve("server.log");
        Files.writeString(config, "log_file: \"" + logFile + "\"\nlame_duck_duration: \"2s\"\n"
                + "lame_duck_grace_period: \"1s\"\n");
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> readOrEmpty(logFile).contains("Server is ready"), "ready in the log file");

        // reopen (USR1): the file moved aside, as logrotate does, and a new one is opened at the path.
        Path rotated = dir.resolve("server.log.1");
        Files.move(logFile, rotated);
        CommandRun reopen = CommandRun.of("serve", "--signal", "reopen=" + p.pid());
        assertThat(reopen.exitCode()).as(reopen.err()).isZero();
        Await.until(WAIT, () -> Files.exists(logFile), "a new log file after --signal reopen");

        // ldm (USR2): lame duck, then the server ends by itself after lame_duck_duration.
        CommandRun ldm = CommandRun.of("serve", "--signal", "ldm=" + p.pid());
        assertThat(ldm.exitCode()).as(ldm.err()).isZero();
        Await.until(WAIT, () -> readOrEmpty(logFile).contains("Entering lame duck mode"), "lame duck logged");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ended after lame duck").isTrue();
        assertThat(readOrEmpty(rotated)).doesNotContain("lame duck");

        // stop (KILL): no shutdown of its own, so nothing is logged after the kill.
        Process q = start(dir, "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> logLines().stream().filter(l -> l.endsWith("[INF] Server is ready")).count() >= 1
                && q.isAlive(), "second server ready");
        CommandRun stop = CommandRun.of("serve", "--signal", "stop=" + q.pid());
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(q.waitFor(15, TimeUnit.SECONDS)).as("killed by --signal stop").isTrue();
        assertThat(q.exitValue()).as("SIGKILL's exit status").isEqualTo(128 + 9);
    }

    @Test
    void logFileRotatesPurgesInUtcAndTheLevelReloadsOnHup(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("log.conf");
        Path logFile = dir.resolve("wirehub.log");
        String base = "log_file: \"" + logFile + "\"\nlogtime_utc: true\nlogfile_size_limit: 1500\nlogfile_max_num: 2\n";
        Files.writeString(config, base);
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(1));
        java.util.function.Supplier<String> allLogs = () -> {
            try (var files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("wirehub.log"))
                        .map(ServeProcessTest::readOrEmpty).collect(java.util.stream.Collectors.joining());
            } catch (java.io.IOException e) {
                return "";
            }
        };
        Await.until(WAIT, () -> allLogs.get().contains("Server is ready"), "ready line in the log file");
        String line = readOrEmpty(logFile).lines().filter(l -> l.contains("[INF]")).findFirst().orElseThrow();
        java.time.LocalDateTime stamped = java.time.LocalDateTime.parse(line.substring(line.indexOf(']') + 2,
                line.indexOf(']') + 28), java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS"));
        assertThat(java.time.Duration.between(stamped, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).abs())
                .as("logtime_utc: %s", line).isLessThan(Duration.ofMinutes(5));

        // Debug on by reload: every connection then writes lines, enough to rotate the 1500-byte file more than once.
        Files.writeString(config, base + "debug: true\n");
        new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
        Await.until(WAIT, () -> allLogs.get().contains("Reloaded authorization and limits"), "reloaded");
        for (int i = 0; i < 40; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            }
        }
        Await.until(WAIT, () -> allLogs.get().contains("[DBG]"), "debug lines after the reload");
        Await.until(WAIT, () -> allLogs.get().contains("Purged log file"), "old backups purged");
        try (var files = Files.list(dir)) {
            List<String> backups = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("wirehub\\.log\\.\\d{4}(\\.\\d{2}){5}\\.\\d{9}")).toList();
            assertThat(backups).as("logfile_max_num 2: the log and one backup").hasSize(1);
        }
        assertThat(readOrEmpty(logFile)).contains("Rotated log, backup saved as \"" + logFile + ".");
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void authTokenFlagRequiresTheToken(@TempDir Path dir) throws Exception {
        Process p = start(dir, "--auth", "s3cr3t", "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).startsWith("INFO ");
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).startsWith("INFO ");
            socket.getOutputStream().write("CONNECT {\"verbose\":false,\"auth_token\":\"s3cr3t\"}\r\nPING\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("PONG");
        }
        assertThat(logLines()).anyMatch(l -> l.contains("Auth:     token"));
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void lameDuckOnUsr2ClosesClientsAndExits(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("ldm.conf");
        Files.writeString(config, "lame_duck_duration: \"2s\"\nlame_duck_grace_period: \"500ms\"\n");
        Process p = start(dir, "-c", config.toString(), "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString());
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> Files.exists(ports), "ports file written");
        Matcher m = PORT.matcher(Files.readString(ports));
        assertThat(m.find()).isTrue();
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("INFO ");
            out.write("CONNECT {\"protocol\":1,\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("PONG");

            new ProcessBuilder("kill", "-USR2", Long.toString(p.pid())).start().waitFor();
            String notice = in.readLine();
            assertThat(notice).startsWith("INFO {").contains("\"ldm\":true");
            // TERM during lame duck does not cut it short.
            p.destroy();
            assertThat(in.readLine()).as("closed by lame duck").isNull();
        }
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exited after lame duck").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(logLines()).anyMatch(l -> l.contains("Entering lame duck mode"));
    }

    @Test
    void monitoringFlagServesEndpointsAndIsListedInThePortsFile(@TempDir Path dir) throws Exception {
        Process p = start(dir, "-a", "127.0.0.1", "-p", "-1", "-m", "-1", "--ports_file_dir", dir.toString(),
                "--log-format", "json");
        Path ports = portsFile(dir, p.pid());
        Await.until(WAIT, () -> readOrEmpty(ports).contains("monitoring"), "ports file with the monitoring URL");
        Matcher m = Pattern.compile("\"monitoring\":\\[\"(http://127\\.0\\.0\\.1:\\d+)\"\\]")
                .matcher(Files.readString(ports));
        assertThat(m.find()).as("ports file: %s", Files.readString(ports)).isTrue();
        String base = m.group(1);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> healthz = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/healthz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(healthz.body()).isEqualTo("{\"status\":\"ok\"}");
        java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("<title>Wirehub</title>", "/static/chart.umd.min.js");
        java.net.http.HttpResponse<String> chart = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/static/chart.umd.min.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chart.statusCode()).as("Chart.js from the WebJar, inside the jar").isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("Starting http monitor on " + base)),
                "the monitoring URL in the (JSON) log");
        assertThat(logLines()).filteredOn(l -> l.contains("Starting http monitor")).allMatch(l -> l.startsWith("{"));
        // The warning comes before the start line, on the same thread: on loopback there is none.
        assertThat(logLines()).noneMatch(l -> l.contains(MONITORING_EXPOSED));
    }

    private static final String MONITORING_EXPOSED = "is reachable from other machines";

    @Test
    void monitoringOffLoopbackIsWarnedAbout(@TempDir Path dir) throws Exception {
        start(dir, "-a", "127.0.0.1", "-p", "-1", "-m", "0.0.0.0:-1");
        Await.until(WAIT, () -> logLines().stream().anyMatch(l -> l.contains("Starting http monitor on http://")),
                "monitoring started");
        assertThat(logLines()).anyMatch(l -> l.contains("[WRN] Monitoring on 0.0.0.0:") && l.contains(MONITORING_EXPOSED)
                && l.contains("Bind it to loopback (http: \"127.0.0.1:"));
    }
}
