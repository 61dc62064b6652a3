package io.wirehub.server.stats;

/**
 * One subscription as /connz and /subsz list it.
 *
 * @param queue    null for a plain subscription
 * @param messages messages delivered so far
 * @param max      the auto-unsubscribe limit, 0 for none
 * @param cid      the owning client's id, 0 for the server's own subscriptions
 * @param account  the account whose index holds it
 */
public record SubscriptionSnapshot(String subject, String queue, String sid, long messages, long max, long cid,
                                   String account) {
}
