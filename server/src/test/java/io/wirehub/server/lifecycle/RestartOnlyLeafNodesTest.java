package io.wirehub.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.config.LeafRemoteConfig;
import io.wirehub.server.config.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reload that changes the leaf node remotes says they take a restart, rather than ignoring them. */
class RestartOnlyLeafNodesTest {

    @Test
    void changedRemotesTakeARestart() {
        ServerConfig running = ServerConfig.defaults();
        LeafRemoteConfig remote = new LeafRemoteConfig(List.of(URI.create("nats-leaf://hub:7422")), "$G", List.of(),
                List.of(), false, Duration.ofSeconds(1), null);
        ServerConfig next = running.toBuilder()
                .leafNodes(new LeafNodesConfig(Duration.ofSeconds(1), List.of(remote))).build();

        assertThat(RestartOnlySettings.changed(running, next)).containsExactly("leafnodes");
        assertThat(RestartOnlySettings.changed(next, next.toBuilder().build())).isEmpty();
    }
}
