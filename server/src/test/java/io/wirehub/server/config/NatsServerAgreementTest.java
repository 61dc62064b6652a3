package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks files against the real {@code nats-server -t} (which only reads the config and exits):
 * Wirehub must accept exactly what it accepts. Only keys Wirehub binds are used, and none of the
 * cases where Wirehub deliberately differs (see ConfigFileLoader's notes). The installed server
 * is 2.9.10, older than the 2.10 rules Wirehub follows, so cases where those two differ (a lone key
 * at the end of the file, an empty file) are left to the other tests. Skipped when the binary
 * named by the {@code nats.server.binary} system property is absent.
 */
class NatsServerAgreementTest {

    private static Path natsServer;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNatsServer() {
        String binary = System.getProperty("nats.server.binary", "/usr/sbin/nats-server");
        natsServer = Path.of(binary);
        assumeTrue(Files.isExecutable(natsServer), "nats-server not installed at " + binary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "port: 4222", "port = 4222", "port 4222", "\"port\" 4222", "port: -1",
        "port: 4222; debug: true, trace: false",
        "# comment\n// other\nport: 4222 # trailing\ndebug: true // also",
        "debug: true\r\nport: 4222\r\n",
        "port: 4222\nport: 4223",
        "listen: 127.0.0.1:-1", "listen: localhost:4222", "listen: 4222", "listen: :4222",
        "listen: \"[::]:4222\"",
        "debug: yes\ntrace: OFF\nlogtime: on",
        "max_payload: 2MB", "max_pending: 100MB\nmax_payload: 50MB", "max_control_line: 8kb",
        "P: 4223\nport: $P",
        "{ port: 4222 }", "{\n  \"port\": 4222,\n  \"debug\": true\n}", "port: 4222\n}", "port: 4222 }\ndebug: true",
        "server_name: 'a b'", "server_name: \"\\x41\\t\"", "server_name = edge#1", "server_name: 3xyz",
        "server_name (\nabc\n)\n",
        "ping_interval: \"1.5s\"", "ping_interval: 1h30m", "write_deadline: 500ms", "ping_max: 3",
        "lame_duck_duration: \"1m\"\nlame_duck_grace_period: \"5s\"",
        "pid_file: /tmp/wirehub-test.pid\nports_file_dir: /tmp\nlog_file: /tmp/wirehub-test.log",
        "NAME = outer\nserver_name: $NAME",
    })
    void acceptsWhatNatsServerAccepts(String text) throws Exception {
        Path file = write(text);
        assertThat(natsServerAccepts(file)).as("nats-server accepts %s", text).isTrue();
        assertThat(wirehubAccepts(file)).as("Wirehub accepts %s", text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "listen: [::]:4222", "listen: 127.0.0.1", "listen: \"::1:4222\"", "listen: localhost:http",
        "listen: \"[::]:4222", "port: \"4222\"", "port: 1k2", "port 4222 extra", "port:",
        "debug: \"true\"", "max_payload: 3gb", "max_connections: 2.5",
        "server_name: $WIREHUB_TEST_SURELY_UNDEFINED", "server_name: \"a\\qb\"",
        "server_name: 2016-05-04T18:53:41Z", "server_name: [a]",
        "ping_interval: 1.5s", "ping_interval: 2m", "ping_interval: 5", "write_deadline: \"10x\"",
        "lame_duck_duration: 60", "include \"wirehub-no-such-file.conf\"", "include 42.conf",
        "foo: 1", "port: 4222\nbogus { a: 1 }", "m_var = { x: 1 }\nport: 4222",
        "port: [1,,2]", "port: .5", "server_name: 'unclosed",
    })
    void rejectsWhatNatsServerRejects(String text) throws Exception {
        Path file = write(text);
        assertThat(natsServerAccepts(file)).as("nats-server accepts %s", text).isFalse();
        assertThat(wirehubAccepts(file)).as("Wirehub accepts %s", text).isFalse();
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("check.conf");
        Files.writeString(file, text);
        return file;
    }

    /** Like {@code nats-server -t}: no problems, and (as -t does) no warnings either. */
    private static boolean wirehubAccepts(Path file) {
        try {
            return ConfigFileLoader.load(file).warnings().isEmpty();
        } catch (ConfigException e) {
            return false;
        }
    }

    private static boolean natsServerAccepts(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(natsServer.toString(), "-t", "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("nats-server -t finished").isTrue();
            return process.exitValue() == 0;
        } finally {
            process.destroyForcibly();
        }
    }
}
