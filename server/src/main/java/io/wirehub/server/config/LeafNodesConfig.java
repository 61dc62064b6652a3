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
 * @param host      where to accept leaf connections (the hub side)
 * @param port      the leafnode port; 0 for none (nats-server's default when one is wanted: 7422)
 * @param user      the one user leaf connections must give ({@code authorization { user }}); null for none
 * @param password  that user's password
 * @param account   the local account accepted leaf connections are bound to
 * @param users     {@code authorization { users [...] }}: each user binds its spokes to its account
 * @param nkey      {@code authorization { nkey }}: the one public user nkey spokes must sign with; null for none
 * @param tls       TLS on the leafnode port; null for none
 */
public record LeafNodesConfig(Duration reconnect, List<LeafRemoteConfig> remotes, String host, int port,
                              String user, String password, String account, List<LeafUser> users, String nkey,
                              TlsConfig tls) {

    /** One entry of {@code leafnodes { authorization { users [...] } }} (nats-server parseLeafUsers). */
    public record LeafUser(String user, String password, String account) {
        public LeafUser {
            Objects.requireNonNull(account, "account");
        }
    }
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    public static final LeafNodesConfig NONE = new LeafNodesConfig(DEFAULT_RECONNECT, List.of());

    public LeafNodesConfig(Duration reconnect, List<LeafRemoteConfig> remotes) {
        this(reconnect, remotes, "0.0.0.0", 0, null, null, "$G", List.of(), null, null);
    }

    public LeafNodesConfig {
        Objects.requireNonNull(reconnect, "reconnect");
        remotes = List.copyOf(remotes);
        users = List.copyOf(users);
    }

    /** Whether the leafnode block names its own credentials (else spokes authenticate as clients). */
    public boolean hasOwnAuthorization() {
        return user != null || nkey != null || !users.isEmpty();
    }

    public boolean enabled() {
        return !remotes.isEmpty() || port != 0;
    }

    /** Whether this server accepts leaf connections (the hub side). */
    public boolean accepting() {
        return port != 0;
    }
}
