package io.wirehub.server.connection;

import io.wirehub.server.account.Account;
import io.wirehub.server.routing.Subscription;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's subscriptions by sid, kept in step with its account's routing: whatever leaves this
 * map leaves the index too, with the shadow subscriptions it got in the accounts it imports from.
 *
 * <p>Thread-safe: changed by the connection's reader and, for auto-unsubscribe and permission
 * rechecks, by other threads; concurrent maps. The account is set once, when the client's
 * authentication settles, before its first subscription.
 */
final class ClientSubscriptions {
    private final Map<String, Subscription> bySid = new ConcurrentHashMap<>();
    /** Shadow subscriptions (stream imports) of the subscriptions that have any. */
    private final Map<Subscription, List<Subscription>> shadows = new ConcurrentHashMap<>();
    private volatile Account account;

    void account(Account bound) {
        account = bound;
    }

    Subscription get(String sid) {
        return bySid.get(sid);
    }

    int count() {
        return bySid.size();
    }

    Collection<Subscription> all() {
        return Collections.unmodifiableCollection(bySid.values());
    }

    /**
     * Adds a subscription to this client and to its account's routing (and to what the account
     * imports).
     *
     * @return false when routing refused its subject (nothing is kept then)
     */
    boolean add(Subscription subscription) {
        if (bySid.putIfAbsent(subscription.sid(), subscription) != null) {
            return true; // a repeated sid is ignored, the first subscription kept (nats-server)
        }
        Account bound = account;
        if (!bound.router().subscribe(subscription)) {
            bySid.remove(subscription.sid(), subscription);
            return false;
        }
        List<Subscription> added = bound.addShadows(subscription);
        if (!added.isEmpty()) {
            shadows.put(subscription, added);
        }
        return true;
    }

    /** Removes a subscription from this client and from routing. Any thread. */
    void remove(Subscription subscription) {
        bySid.remove(subscription.sid(), subscription);
        unroute(subscription);
    }

    /** Takes every subscription out of routing: the connection closed. */
    void removeAllFromRouting() {
        for (Subscription subscription : bySid.values()) {
            unroute(subscription);
        }
    }

    private void unroute(Subscription subscription) {
        Account bound = account;
        if (bound != null) {
            bound.router().unsubscribe(subscription);
        }
        List<Subscription> removed = shadows.remove(subscription);
        if (removed != null) {
            Account.removeShadows(removed);
        }
    }
}
