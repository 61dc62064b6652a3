package io.wirehub.server.stats;

import java.time.Instant;

/**
 * Who a running server is, as monitoring names it.
 *
 * @param version         Wirehub's own version
 * @param protocolVersion the nats-server release whose behaviour it matches
 */
public record ServerDescription(String serverId, String serverName, String version, String protocolVersion,
                                Instant startedAt) {
}
