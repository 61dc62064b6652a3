package io.wirehub.server.stats;

/**
 * One account as /accountz, /accstatz and the system account's events show it, taken now.
 *
 * @param connections  its clients connected to this server
 * @param traffic      what its open clients published (in) and were delivered (out)
 * @param index        its subject index's figures ({@code subscriptions} counts the server's own too)
 */
public record AccountFigures(String name, boolean system, int connections, SubjectIndexStats index,
                             TrafficTotals traffic, long slowConsumers) {
}
