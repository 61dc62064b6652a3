package io.wirehub.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code leafnodes {}} block: the hubs this server joins as a leaf node.
 *
 * @param reconnect how long to wait before dialling again after a connection ends
 *                  (nats-server's {@code reconnect}, default 1 s)
 * @param remotes   the hubs to dial; none means no leaf connections
 */
public record LeafNodesConfig(Duration reconnect, List<LeafRemoteConfig> remotes) {
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    public static final LeafNodesConfig NONE = new LeafNodesConfig(DEFAULT_RECONNECT, List.of());

    public LeafNodesConfig {
        Objects.requireNonNull(reconnect, "reconnect");
        remotes = List.copyOf(remotes);
    }

    public boolean enabled() {
        return !remotes.isEmpty();
    }
}
