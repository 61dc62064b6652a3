package io.wirehub.server.connection;

import io.wirehub.server.account.Accounts;
import io.wirehub.server.auth.ConnectionAdmission;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.ServerStats;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server-wide parts every connection works with. One instance per server, shared.
 *
 * @param accounts  every account, each with its own router
 * @param scheduler runs timers (pings, deadlines); tasks must be short and never block
 * @param security  what is enforced now; a config reload replaces it
 * @param admission per-address connection counts (they outlive reloads)
 * @param observability histograms, closed connections and other figures for monitoring
 * @param handshakes    connections sending before they settled who they are (accepting slows
 *                      past a bound)
 */
public record ConnectionServices(
        ServerConfig config,
        Accounts accounts,
        ConnectionRegistry registry,
        ServerStats stats,
        ScheduledExecutorService scheduler,
        ServerInfo info,
        BufferPool bufferPool,
        AtomicReference<SecurityPolicy> security,
        ConnectionAdmission admission,
        Observability observability,
        HandshakeLoad handshakes) {
}
