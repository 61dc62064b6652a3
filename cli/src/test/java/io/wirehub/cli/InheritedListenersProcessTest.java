package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawClient;
import io.wirehub.testkit.internal.RawWebSocket;
import io.wirehub.testkit.internal.StartLatency;
import io.wirehub.testkit.internal.TestCertificates;
import io.wirehub.testkit.internal.TestTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirehub serve} on listening sockets bound before its JVM started: by the launcher's
 * {@code scripts/bind-listeners.pl}, or by a stand-in that hands over something else, to see it
 * refused.
 */
class InheritedListenersProcessTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/bind-listeners.pl");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Path perl;

    private Process process;
    private Path log;

    @BeforeAll
    static void needsPerl() {
        perl = TestTools.require("perl", "/usr/bin/perl", "/bin/perl");
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The JVM as the launcher runs it: java, the --add-opens, the class path, Main serve. */
    private static List<String> javaWords() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "jdk.httpserver/sun.net.httpserver=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve");
    }

    /** Through the launcher's script, as ./wirehub serve runs it. */
    private Process launch(Path dir, String... serveArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(perl.toString(), SCRIPT.toString(),
                Integer.toString(javaWords().size())));
        command.addAll(javaWords());
        command.addAll(List.of(serveArgs));
        return start(dir, command);
    }

    /** Through a stand-in launcher: {@code setup} (perl) prepares the descriptors and environment, then execs the JVM. */
    private Process standIn(Path dir, String setup, String... serveArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(perl.toString(), "-MSocket", "-e",
                setup + "; $ENV{WIREHUB_LISTEN_PID} = $$; exec @ARGV or die;"));
        command.addAll(javaWords());
        command.addAll(List.of(serveArgs));
        return start(dir, command);
    }

    private Process start(Path dir, List<String> command) throws IOException {
        log = dir.resolve("serve.log");
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return process;
    }

    private String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void everyListenerAcceptsBeforeTheJvmIsUpAndAnswersWhenItIs(@TempDir Path dir) throws Exception {
        int client = StartLatency.freePort();
        int webSocket = StartLatency.freePort();
        int monitoring = StartLatency.freePort();
        Path socket = dir.resolve("wh.sock");
        Path config = dir.resolve("server.conf");
        Files.writeString(config, "port: " + client + "\nwebsocket { host: 127.0.0.1, port: " + webSocket
                + ", no_tls: true }\nhttp: \"127.0.0.1:" + monitoring + "\"\nunix { path: \"wh.sock\", mode: \"0660\" }\n");
        launch(dir, "--config", config.toString(), "-a", "127.0.0.1");
        // Each connects as soon as the script has bound it, long before the JVM could have.
        try (Socket nats = connectSoon(client); Socket http = connectSoon(monitoring);
             RawWebSocket ws = RawWebSocket.connect("127.0.0.1", webSocket)) {
            Await.until(WAIT, () -> Files.exists(socket), "the Unix socket file");
            nats.setSoTimeout((int) WAIT.toMillis());
            assertThat(new BufferedReader(new InputStreamReader(nats.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).startsWith("INFO {").contains("\"port\":" + client);
            http.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            http.setSoTimeout((int) WAIT.toMillis());
            assertThat(new String(http.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200").contains("{\"status\":\"ok\"}");
            assertThat(ws.readNatsLine()).startsWith("INFO {");
        }
        assertThat(Files.getPosixFilePermissions(socket)).map(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ", "GROUP_WRITE");
        try (RawClient unix = RawClient.connectUnix(socket)) {
            unix.expectLineStartingWith("INFO {");
        }
        assertThat(log()).doesNotContain("binding again").doesNotContain("[WRN] The");
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // The log outlives the inherited client port's close (System.inheritedChannel() would have silenced it).
        assertThat(log()).contains("Server Exiting..");
        assertThat(socket).as("socket file removed at shutdown").doesNotExist();
    }

    @Test
    void theLeafnodePortAndHttpsMonitoringAcceptTheMomentTheClientPortDoes(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
        int client = StartLatency.freePort();
        int leaf = StartLatency.freePort();
        int https = StartLatency.freePort();
        Path config = dir.resolve("server.conf");
        // As nats-server configs write them: a hub's leafnode port, and monitoring over HTTPS with the
        // client port's certificate.
        Files.writeString(config, "port: " + client + "\ntls {\n  cert_file: \"" + certs.serverCert()
                + "\"\n  key_file: \"" + certs.serverKey() + "\"\n}\nhttps: \"127.0.0.1:" + https
                + "\"\nleafnodes {\n  host: 127.0.0.1\n  port: " + leaf + "\n}\n");
        launch(dir, "--config", config.toString(), "-a", "127.0.0.1");
        // The launcher binds every listener before it execs the JVM: once the client port accepts, so
        // do the others, at the first try (the JVM would bind them hundreds of milliseconds later).
        try (Socket nats = connectSoon(client); Socket spoke = connectNow(leaf, "the leafnode port");
             Socket monitoring = connectNow(https, "HTTPS monitoring")) {
            // A spoke that connected before the JVM was up joins as with nats-server: INFO, CONNECT, PING/PONG.
            spoke.setSoTimeout((int) WAIT.toMillis());
            BufferedReader hub = new BufferedReader(new InputStreamReader(spoke.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(hub.readLine()).startsWith("INFO {").contains("\"leafnode_urls\":[\"127.0.0.1:" + leaf + "\"]");
            spoke.getOutputStream().write("CONNECT {\"name\":\"SPOKE\",\"headers\":true}\r\nPING\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = hub.readLine(); line != null && !line.equals("PONG"); line = hub.readLine()) {
                lines.add(line);
            }
            assertThat(lines).as("up to the PONG").noneMatch(l -> l.startsWith("-ERR"));

            // The monitoring connection made as early is served over TLS with the client port's certificate.
            monitoring.setSoTimeout((int) WAIT.toMillis());
            try (SSLSocket tls = (SSLSocket) certs.clientContext(null).getSocketFactory().createSocket(monitoring,
                    "127.0.0.1", https, false)) {
                tls.getOutputStream().write("GET /varz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("HTTP/1.1 200").contains("\"https_port\": " + https + ",");
            }
        }
        assertThat(log()).contains("Listening for leafnode connections on 127.0.0.1:" + leaf)
                .contains("Starting https monitor on https://127.0.0.1:" + https)
                .doesNotContain("binding again").doesNotContain("binds its own socket").doesNotContain("[WRN] The");
        stopGracefully();
        assertThat(refused(leaf)).as("the leafnode port closed at shutdown").isTrue();
    }

    @Test
    void aLeafSpokeWaitingWhenTheConfigTurnsOutBadHearsWhy(@TempDir Path dir) throws Exception {
        int client = StartLatency.freePort();
        int leaf = StartLatency.freePort();
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "port: " + client + "\nleafnodes { host: 127.0.0.1, port: " + leaf
                + " }\nmax_payload: \"lots\"\n");
        launch(dir, "--config", config.toString(), "-a", "127.0.0.1");
        connectSoon(client).close();
        try (Socket spoke = connectNow(leaf, "the leafnode port")) {
            spoke.setSoTimeout((int) WAIT.toMillis());
            assertThat(new BufferedReader(new InputStreamReader(spoke.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).startsWith("-ERR 'wirehub could not start: " + config + ":3: ");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void aClientWaitingWhenTheConfigTurnsOutBadHearsWhy(@TempDir Path dir) throws Exception {
        int port = StartLatency.freePort();
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "port: " + port + "\nmax_payload: \"lots\"\n");
        launch(dir, "--config", config.toString());
        try (Socket socket = connectSoon(port)) {
            socket.getOutputStream().write("CONNECT {}\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) WAIT.toMillis());
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(reply).startsWith("-ERR 'wirehub could not start: " + config + ":2: ");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(log()).contains("wirehub: " + config + ":2: ");
    }

    @Test
    void aSocketBoundElsewhereThanTheConfigSaysIsClosedAndThePortBoundAgain(@TempDir Path dir) throws Exception {
        int wrong = StartLatency.freePort();
        int right = StartLatency.freePort();
        standIn(dir, "socket(my $s, AF_INET, SOCK_STREAM, 0); setsockopt($s, SOL_SOCKET, SO_REUSEADDR, 1);"
                + " bind($s, pack_sockaddr_in(" + wrong + ", inet_aton('127.0.0.1'))) or die; listen($s, 16);"
                + " open(STDIN, '<&', $s) or die; $ENV{WIREHUB_LISTEN_FDS} = 'client=0'",
                "-a", "127.0.0.1", "-p", Integer.toString(right));
        try (Socket socket = connectSoon(right)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).startsWith("INFO {");
        }
        assertThat(log()).contains("[WRN] The client port socket bound before start listens on /127.0.0.1:" + wrong
                + ", but the configuration asks for 127.0.0.1:" + right + ": binding again");
        assertThat(refused(wrong)).as("the socket on the wrong port is closed").isTrue();
    }

    @Test
    void anInheritedDescriptorThatIsNotAListeningSocketIsRefusedClearly(@TempDir Path dir) throws Exception {
        String listening = "socket(my $s, AF_INET, SOCK_STREAM, 0); bind($s, pack_sockaddr_in(0, inet_aton('127.0.0.1')));"
                + " listen($s, 16); open(STDIN, '<&', $s) or die;";
        record Case(String setup, String message) {
        }
        List<Case> cases = List.of(
                new Case("socket(my $s, AF_INET, SOCK_DGRAM, 0); bind($s, pack_sockaddr_in(0, inet_aton('127.0.0.1')));"
                        + " open(STDIN, '<&', $s) or die; $ENV{WIREHUB_LISTEN_FDS} = 'client=0'",
                        "the client listener inherited from the launcher cannot be used: file descriptor 0 is a socket"
                        + " that is not listening; expected a listening TCP socket"),
                new Case("socket(my $s, AF_INET, SOCK_STREAM, 0); bind($s, pack_sockaddr_in(0, inet_aton('127.0.0.1')));"
                        + " open(STDIN, '<&', $s) or die; $ENV{WIREHUB_LISTEN_FDS} = 'client=0'",
                        "file descriptor 0 is a socket that is not listening"),
                new Case(listening + " $^F = 100; open(our $f, '<', '/dev/null') or die;"
                        + " $ENV{WIREHUB_LISTEN_FDS} = 'client=0,websocket=' . fileno($f)",
                        "the websocket listener inherited from the launcher cannot be used: file descriptor"),
                new Case(listening + " $^F = 100; socket(our $u, AF_UNIX, SOCK_STREAM, 0);"
                        + " bind($u, pack_sockaddr_un('" + dir.resolve("u.sock") + "')); listen($u, 4);"
                        + " $ENV{WIREHUB_LISTEN_FDS} = 'client=0,websocket=' . fileno($u)",
                        "is a listening socket of another kind; expected a listening TCP socket"),
                new Case(listening + " $ENV{WIREHUB_LISTEN_FDS} = 'client=0,gateway=3'",
                        "names a listener \"gateway\" that Wirehub does not have"));
        for (Case c : cases) {
            standIn(dir, c.setup(), "-a", "127.0.0.1", "-p", "-1");
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(c.setup()).isTrue();
            assertThat(process.exitValue()).as(log()).isEqualTo(1);
            assertThat(log()).as(c.setup()).startsWith("wirehub: ").contains(c.message());
            Files.deleteIfExists(dir.resolve("u.sock"));
        }
    }

    @Test
    void anotherProcessesDescriptorsAreNotTaken(@TempDir Path dir) throws Exception {
        // The environment names a pid that is not this process's (a parent's, left in the environment).
        standIn(dir, "$ENV{WIREHUB_LISTEN_FDS} = 'client=0'; $ENV{WIREHUB_LISTEN_PID} = 1; exec @ARGV or die; ",
                "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> log().contains("Server is ready"), "started on a port of its own");
    }

    @Test
    void systemdSocketActivationHandsTheClientPortOverOnDescriptor3(@TempDir Path dir) throws Exception {
        Path activate = TestTools.require("systemd-socket-activate", "/usr/bin/systemd-socket-activate");
        int port = StartLatency.freePort();
        // As a socket unit with ListenStream=127.0.0.1:PORT would: systemd-socket-activate binds, waits for
        // the first connection, then execs the launcher's script with LISTEN_PID and LISTEN_FDS=1.
        // serve is told nothing of 127.0.0.1: systemd's socket is where it listens.
        List<String> command = new ArrayList<>(List.of(activate.toString(), "-l", "127.0.0.1:" + port,
                perl.toString(), SCRIPT.toString(), Integer.toString(javaWords().size())));
        command.addAll(javaWords());
        command.addAll(List.of("-p", Integer.toString(port)));
        start(dir, command);
        assertPubSub(port);
        assertThat(log()).contains("where the service manager bound it").doesNotContain("binding again");
        stopGracefully();
    }

    @Test
    void namedSystemdDescriptorsAreTheListenersTheirNamesSay(@TempDir Path dir) throws Exception {
        int client = StartLatency.freePort();
        int monitoring = StartLatency.freePort();
        // A stand-in for systemd with two socket units' FileDescriptorName=: monitoring on 3, client on 4.
        // (Kept open, and not closed on exec: the first socket may already be descriptor 3.)
        standIn(dir, "use POSIX (); $^F = 100; our @keep; sub listening { socket(my $s, AF_INET, SOCK_STREAM, 0) or die;"
                + " setsockopt($s, SOL_SOCKET, SO_REUSEADDR, 1); bind($s, pack_sockaddr_in($_[0], inet_aton('127.0.0.1')))"
                + " or die; listen($s, 16) or die; POSIX::dup2(fileno($s), $_[1]) if fileno($s) != $_[1]; push @keep, $s; }"
                + " listening(" + monitoring + ", 3); listening(" + client + ", 4);"
                + " $ENV{LISTEN_FDS} = 2; $ENV{LISTEN_FDNAMES} = 'monitoring:client'; $ENV{LISTEN_PID} = $$",
                "-p", Integer.toString(client), "-m", Integer.toString(monitoring));
        assertPubSub(client);
        try (Socket http = connectSoon(monitoring)) {
            http.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            http.setSoTimeout((int) WAIT.toMillis());
            assertThat(new String(http.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
        }
        stopGracefully();
    }

    @Test
    void standardInputIsTheClientPortWhenTheUnitSaysSo(@TempDir Path dir) throws Exception {
        int port = StartLatency.freePort();
        // What systemd does for StandardInput=socket (it then passes no LISTEN_* variables), and
        // the unit's Environment=WIREHUB_LISTEN_STDIN=1.
        standIn(dir, "socket(my $s, AF_INET, SOCK_STREAM, 0); setsockopt($s, SOL_SOCKET, SO_REUSEADDR, 1);"
                + " bind($s, pack_sockaddr_in(" + port + ", inet_aton('127.0.0.1'))) or die; listen($s, 16);"
                + " open(STDIN, '<&', $s) or die; close $s; $ENV{WIREHUB_LISTEN_STDIN} = 1",
                "-p", Integer.toString(port));
        assertPubSub(port);
        assertThat(log()).contains("where the service manager bound it").doesNotContain("binding again");
        stopGracefully();
    }

    @Test
    void systemdsVariablesForAnotherProcessAreLeftAlone(@TempDir Path dir) throws Exception {
        standIn(dir, "$ENV{LISTEN_FDS} = 1; $ENV{LISTEN_PID} = 1", "-a", "127.0.0.1", "-p", "-1");
        Await.until(WAIT, () -> log().contains("Server is ready"), "started on a port of its own");
    }

    /** A jnats client connects (the first connect may start the server) and gets back what it publishes. */
    private void assertPubSub(int port) throws Exception {
        // Bound by the stand-in within milliseconds of start; jnats gives up at once on a refusal.
        connectSoon(port).close();
        Options options = new Options.Builder().server("nats://127.0.0.1:" + port).connectionTimeout(WAIT)
                .maxReconnects(0).build();
        try (Connection nats = Nats.connect(options)) {
            assertThat(nats.getServerInfo().getPort()).isEqualTo(port);
            Subscription sub = nats.subscribe("socket.activated");
            nats.flush(WAIT);
            nats.publish("socket.activated", "hello".getBytes(StandardCharsets.UTF_8));
            Message message = sub.nextMessage(WAIT);
            assertThat(message).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    private void stopGracefully() throws Exception {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(log()).contains("Server Exiting..");
    }

    /** Connects once the port accepts (the launcher binds within milliseconds). */
    private Socket connectSoon(int port) throws Exception {
        return Await.value(WAIT, () -> {
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                return socket;
            } catch (ConnectException refused) {
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, s -> s != null, "port " + port + " accepting");
    }

    /** Connects at the first try: the port must accept already. */
    private static Socket connectNow(int port, String what) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new AssertionError(what + " on " + port + " does not accept yet although the client port does: " + e,
                    e);
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
