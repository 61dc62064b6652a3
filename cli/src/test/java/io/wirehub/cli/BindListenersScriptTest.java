package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.SocketOptionsConfig;
import io.wirehub.testkit.internal.TestTools;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The launcher's reading of flags and config files ({@code scripts/bind-listeners.pl --dry-run})
 * against the server's own: wherever the script is sure, it binds exactly the listeners the server
 * will ask for, and it knows every serve flag.
 */
class BindListenersScriptTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/bind-listeners.pl");
    private static Path perl;
    /** The client port's certificate, which HTTPS monitoring needs (the files are not read here). */
    private static final String TLS = "tls { cert_file: \"certs/server.pem\", key_file: \"certs/key.pem\" }\n";

    @BeforeAll
    static void needsPerl() {
        perl = TestTools.require("perl", "/usr/bin/perl", "/bin/perl");
    }

    @Test
    void readsConfigFilesAsTheServerDoes(@TempDir Path dir) throws Exception {
        String[] configs = {
            "port: 4333\n",
            "# harness\nauthorization { users = [ {user: a, password: \"$2a$11$x\"} ] }\nport: 4444\n",
            "listen: 127.0.0.1:4555\nport: 4556\n",
            "port: 4556\nlisten: \"[::1]:4557\"\n",
            "net: 127.0.0.1 // comment\nport = 4600; max_payload: 1MB\n",
            "listen: \":4601\"\nhttp: 8222\n",
            "http: \"localhost:8223\"\nhttp_port: 8224\n",
            "monitor_port: -1\nsocket_options { backlog: 128, reuse_address: false }\n",
            "websocket { port: 8080, no_tls: true }\n",
            "websocket {\n  listen: \"127.0.0.1:8081\"\n  no_tls: true\n  socket_options { backlog: 64 }\n}\n",
            "ws: { host: 127.0.0.1, port: -1, no_tls: true }\n",
            "unix { path: \"wh.sock\", mode: \"0660\" }\n",
            "unix { path: \"/tmp/../tmp/./wh2.sock\", mode: 640, socket_options { backlog: 10 } }\n",
            "tls {\n  cert_file: \"certs/server.pem\" # relative\n  key_file: './certs/key.pem'\n}\nport: 4700\n",
            "\"port\": 4701\nPORT: 4702\n",
            // The leafnode port (the hub side): port, listen, host; none without a port.
            "leafnodes { port: 7422 }\n",
            "leafnodes {\n  listen: \"127.0.0.1:-1\"\n  authorization { user: a, password: b }\n}\n",
            "leaf: { host: 127.0.0.1, port: 7423 }\nleafnodes { listen: \":7424\", host: \"::1\" }\n",
            "leafnodes { port: -1, host: localhost, reconnect: 2 }\n",
            "leafnodes { port: 0 }\n",
            "leafnodes { remotes [ { urls: [\"nats://127.0.0.1:7422\"] } ] }\n",
            // HTTPS monitoring: the same socket as HTTP's, where the config says.
            TLS + "https_port: 8443\n",
            TLS + "https: \"127.0.0.1:-1\"\nleafnodes { listen: 7425 }\n",
            TLS + "net: 127.0.0.1\nhttps: 8444\nhttp_port: 0\n",
        };
        String[][] flags = {{}, {"-p", "4999"}, {"-a", "::", "-m", "9222"}, {"--unix", "flag.sock"},
            {"-m", "127.0.0.1:-1", "--name", "n", "-DV"}, {"-js", "-sd", "jsdata"}};
        int compared = 0;
        List<String> kinds = new ArrayList<>();
        for (String text : configs) {
            Path file = dir.resolve("c" + compared + ".conf");
            Files.writeString(file, text);
            for (String[] extra : flags) {
                List<String> args = new ArrayList<>(List.of("--config", file.toString()));
                args.addAll(List.of(extra));
                List<String> plan = dryRun(dir, args);
                assertThat(plan).as("%s with %s", text, args).noneMatch(l -> l.startsWith("unsure"));
                assertThat(plan).as("%s with %s", text, args).containsExactlyElementsOf(expected(dir, args));
                plan.forEach(line -> kinds.add(line.substring(0, line.indexOf(' '))));
                compared++;
            }
        }
        assertThat(kinds).as("every kind of listener compared").contains("client", "websocket", "monitoring", "leaf",
                "unix");
        assertThat(dryRun(dir, List.of("-a", "127.0.0.1", "-p", "-1"))).containsExactlyElementsOf(
                expected(dir, List.of("-a", "127.0.0.1", "-p", "-1")));
    }

    @Test
    void bindsNothingWhenNotSure(@TempDir Path dir) throws Exception {
        String[] configs = {
            "include \"other.conf\"\n",
            "P: 4222\nport: $P\n",
            "host: example.org\n",
            "websocket { port: $WS }\n",
            "port: (\n4222\n)\n",
            "socket_options { backlog: 1k }\n",
            "leafnodes { port: $LEAF }\n",
            "leafnodes { listen: \"hub.example:7422\" }\n",
            "leafnodes: 7422\n",
            TLS + "https: $HTTPS\n",
            "{ port: 4222 }\n",
        };
        for (String text : configs) {
            Path file = dir.resolve("unsure.conf");
            Files.writeString(file, text);
            assertThat(dryRun(dir, List.of("-c", file.toString()))).as(text).singleElement()
                    .asString().startsWith("unsure:");
        }
        for (List<String> args : List.of(List.of("-t"), List.of("--help"), List.of("-v"),
                List.of("--bogus"), List.of("-p"), List.of("-p", "1", "--port", "2"), List.of("-a", "localhost.example"))) {
            assertThat(dryRun(dir, args)).as("%s", args).singleElement().asString().startsWith("unsure:");
        }
    }

    @Test
    void knowsEveryServeFlag(@TempDir Path dir) throws Exception {
        for (OptionSpec option : new CommandLine(new ServeCommand()).getCommandSpec().options()) {
            for (String name : option.names()) {
                List<String> args = option.arity().max() == 0 ? List.of(name) : List.of(name, "1");
                List<String> plan = dryRun(dir, args);
                assertThat(plan).as("%s", args).noneMatch(l -> l.contains("unknown argument"));
            }
        }
    }

    /** What the server binds for these serve arguments, in the script's notation. */
    private static List<String> expected(Path dir, List<String> args) throws Exception {
        ServeCommand command = new ServeCommand();
        assertThat(ServeArguments.read(args.toArray(String[]::new), command)).isTrue();
        ServerConfig config = command.config();
        List<String> lines = new ArrayList<>();
        lines.add(tcp("client", config.host(), config.port(), config.socketOptions()));
        if (config.websocket().enabled()) {
            lines.add(tcp("websocket", config.websocket().host(), config.websocket().port(),
                    config.websocket().options()));
        }
        if (config.monitoring().enabled()) {
            lines.add(tcp("monitoring", config.monitoring().host(), config.monitoring().port(),
                    SocketOptionsConfig.DEFAULTS));
        }
        if (config.leafNodes().accepting()) {
            lines.add(tcp("leaf", config.leafNodes().host(), config.leafNodes().port(), SocketOptionsConfig.DEFAULTS));
        }
        if (config.unix().enabled()) {
            Path path = dir.resolve(config.unix().path()).toAbsolutePath().normalize();
            lines.add("unix " + path + " " + Integer.toOctalString(config.unix().mode()) + " backlog="
                    + config.unix().options().backlog() + " reuse=0");
        }
        return lines;
    }

    private static String tcp(String kind, String host, int port, SocketOptionsConfig options) throws IOException {
        return kind + " " + InetAddress.getByName(host).getHostAddress() + " " + Math.max(port, 0) + " backlog="
                + options.backlog() + " reuse=" + (options.reuseAddress() ? 1 : 0);
    }

    /** The script's plan, hosts written as Java writes the address. */
    private static List<String> dryRun(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(perl.toString(), SCRIPT.toString(), "--dry-run"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] words = line.split(" ");
            if (words.length > 2 && !words[0].equals("unix") && !line.startsWith("unsure")) {
                words[1] = InetAddress.getByName(words[1]).getHostAddress();
            }
            lines.add(String.join(" ", words));
        }
        return lines;
    }
}
