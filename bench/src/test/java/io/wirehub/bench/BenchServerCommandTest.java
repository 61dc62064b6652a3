package io.wirehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A second server process for a JetStream load: another port, and a store or configuration of its own. */
class BenchServerCommandTest {
    private static final List<String> WIREHUB = List.of("java", "-XX:+UseZGC", "-jar", "wirehub.jar", "serve", "-a",
            "127.0.0.1", "-p", "4222", "-js", "-sd", "/tmp/shared");

    @Test
    void theSharedStoreIsReplacedAndTheJvmOptionsKept() {
        List<String> command = BenchServer.withJetStream(WIREHUB, 5000, List.of("-js", "-sd", "/tmp/own"));

        assertThat(command).containsExactly("java", "-XX:+UseZGC", "-jar", "wirehub.jar", "serve", "-a", "127.0.0.1",
                "-p", "5000", "-js", "-sd", "/tmp/own");
    }

    @Test
    void aConfigurationFileTakesThePlaceOfTheJetStreamFlags() {
        List<String> command = BenchServer.withJetStream(WIREHUB, 5001, List.of("-c", "/tmp/synced.conf"));

        assertThat(command).containsExactly("java", "-XX:+UseZGC", "-jar", "wirehub.jar", "serve", "-a", "127.0.0.1",
                "-p", "5001", "-c", "/tmp/synced.conf");
        assertThat(command).doesNotContain("/tmp/shared");
    }

    @Test
    void aCommandWithoutJetStreamOnlyGainsTheNewArguments() {
        List<String> nats = List.of("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", "4222");

        assertThat(BenchServer.withJetStream(nats, 5002, List.of("-js", "-sd", "/tmp/own")))
                .containsExactly("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", "5002", "-js", "-sd", "/tmp/own");
    }
}
