package io.wirehub.server.config;

/**
 * An account's {@code limits {}}, as nats-server has them; -1 for no limit.
 *
 * @param maxConnections   client connections of the account at once
 * @param maxSubscriptions subscriptions per connection of the account
 * @param maxPayload       largest message a client of the account may publish
 */
public record AccountLimitsConfig(int maxConnections, int maxSubscriptions, int maxPayload) {
    public static final AccountLimitsConfig NONE = new AccountLimitsConfig(-1, -1, -1);
}
