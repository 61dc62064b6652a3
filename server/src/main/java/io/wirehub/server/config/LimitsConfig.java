package io.wirehub.server.config;

/**
 * Wirehub's {@code limits {}} block: what one client, or one source address, may do beyond the
 * limits nats-server has (those stay top-level keys: max_payload, max_connections...).
 *
 * @param perConnection          publish rates for every connection
 * @param connectionsPerAddress  open connections from one IP address; 0 for no limit
 * @param connectRatePerAddress  new connections per second from one IP address; 0 for no limit
 */
public record LimitsConfig(RateLimitConfig perConnection, int connectionsPerAddress, int connectRatePerAddress) {

    public static final LimitsConfig NONE = new LimitsConfig(RateLimitConfig.UNLIMITED, 0, 0);
}
