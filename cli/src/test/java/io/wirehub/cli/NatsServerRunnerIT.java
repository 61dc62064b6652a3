package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.NatsRunnerUtils;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wirehub as the "nats-server" binary of io.nats:jnats-server-runner, the harness jnats's own tests
 * use, unchanged: the runner execs it by that name ({@code nats-server} linked to the launcher),
 * checks the first line of {@code --version}, connects once after a short wait and reads INFO,
 * and a client then talks to it. The runner's child inherits WIREHUB_NO_BUILD=1 from failsafe
 * (cli/pom.xml), so the launcher runs the jars just packaged.
 */
class NatsServerRunnerIT {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static Path natsServer(Path dir) throws Exception {
        return Files.createSymbolicLink(dir.resolve("nats-server"), REPOSITORY.resolve("wirehub"));
    }

    @Test
    void theVersionLineIsWhatHarnessesParse(@TempDir Path dir) throws Exception {
        assertThat(NatsRunnerUtils.getNatsServerVersionString(natsServer(dir).toString()))
                .isEqualTo("nats-server: v" + io.wirehub.server.protocol.ServerInfo.PROTOCOL_VERSION);
    }

    @Test
    void runsUnderTheRunnerWithAPort(@TempDir Path dir) throws Exception {
        try (NatsServerRunner runner = NatsServerRunner.builder().executablePath(natsServer(dir)).build();
             Connection nc = Nats.connect(runner.getURI())) {
            assertThat(runner.getCmdLine()).contains("--port");
            roundTrip(nc);
        }
    }

    @Test
    void runsUnderTheRunnerWithAConfigFileAndAUser(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.conf");
        Files.writeString(config, "# written for nats-server\nport: 4222\nmax_payload: 100000\n");
        try (NatsServerRunner runner = NatsServerRunner.builder().executablePath(natsServer(dir))
                .configFilePath(config).customArgs(List.of("--user", "alice", "--pass", "s3cret")).build()) {
            assertThat(runner.getCmdLine()).contains("--config");
            Options options = new Options.Builder().server(runner.getURI()).userInfo("alice", "s3cret")
                    .connectionTimeout(Duration.ofSeconds(5)).build();
            try (Connection nc = Nats.connect(options)) {
                assertThat(nc.getServerInfo().getMaxPayload()).isEqualTo(100000);
                roundTrip(nc);
            }
        }
    }

    private static void roundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("runner.test");
        nc.publish("runner.test", "hello".getBytes(StandardCharsets.UTF_8));
        Message message = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(message).isNotNull();
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
