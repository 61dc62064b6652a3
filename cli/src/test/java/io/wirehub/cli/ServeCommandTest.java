package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirehub serve} argument handling that ends before a server starts. */
class ServeCommandTest {

    @Test
    void checksAValidConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.conf");
        Files.writeString(file, "port: 4567\nmax_payload: 2MB\n");
        CommandRun run = CommandRun.of("serve", "-t", "-c", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("configuration file " + file + " is valid");
    }

    @Test
    void reportsEveryConfigProblemWithFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "port: \"x\"\nfoo: 1\njetstream: maybe\n");
        CommandRun run = CommandRun.of("serve", "-t", "-c", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "wirehub: " + file + ":1: \"port\" expects an integer, got string \"x\"",
                "wirehub: " + file + ":2: unknown field \"foo\"",
                "wirehub: " + file + ":3: Expected 'enabled' or 'disabled' for string value, got 'maybe'");
    }

    @Test
    void jetStreamFlagsAreAcceptedAsNatsServerHasThem(@TempDir Path dir) {
        CommandRun run = CommandRun.of("serve", "-t", "-js", "-sd", dir.toString());
        assertThat(run.exitCode()).isZero();
        CommandRun longForms = CommandRun.of("serve", "-t", "--jetstream", "--store_dir", dir.toString());
        assertThat(longForms.exitCode()).isZero();
    }

    @Test
    void unknownFlagIsAnErrorNamingIt() {
        CommandRun run = CommandRun.of("serve", "--bogus");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("wirehub: Unknown option: '--bogus'");
    }

    @Test
    void printsTheVersionLikeNatsServer() {
        for (String[] args : new String[][] {{"serve", "-v"}, {"serve", "--version"}, {"--version"}}) {
            CommandRun run = CommandRun.of(args);
            assertThat(run.exitCode()).isZero();
            // Harnesses read the first line only, as nats-server prints it.
            assertThat(run.out().lines().toList()).as(String.join(" ", args)).hasSize(2)
                    .first().isEqualTo("nats-server: v" + io.wirehub.server.protocol.ServerInfo.PROTOCOL_VERSION);
            assertThat(run.out().lines().skip(1).findFirst().orElseThrow()).startsWith("wirehub ")
                    .contains("as nats-server 2.10.29");
        }
    }

    @Test
    void passwdPrintsABcryptHashThatVerifies() {
        CommandRun run = CommandRun.of("server", "passwd", "--pass", "correct horse");
        assertThat(run.exitCode()).isZero();
        String hash = run.out().trim();
        assertThat(hash).startsWith("$2a$11$");
        assertThat(io.wirehub.server.auth.Secrets.matches(hash, "correct horse")).isTrue();
        assertThat(io.wirehub.server.auth.Secrets.matches(hash, "wrong horse")).isFalse();
        assertThat(CommandRun.of("server", "passwd", "--pass", "short").err())
                .contains("wirehub: the password must be at least 8 characters");
    }

    @Test
    void userFlagWithAUsersListInTheFileIsAmbiguous(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.conf");
        Files.writeString(file, "authorization { users = [ { user: a, password: b } ] }\n");
        CommandRun run = CommandRun.of("serve", "-t", "-c", file.toString(), "--user", "x", "--pass", "y");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot have a users list and a single user and password");
    }

    @Test
    void outOfRangeFlagIsAConfigError() {
        CommandRun run = CommandRun.of("serve", "-t", "-p", "70000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("port 70000 is out of range");
    }
}
