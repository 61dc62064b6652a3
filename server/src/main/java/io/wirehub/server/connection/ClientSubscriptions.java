package io.wirehub.server.connection;

import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's subscriptions by sid, kept in step with routing: whatever leaves this map leaves
 * the index too.
 *
 * <p>Thread-safe: changed by the connection's reader and, for auto-unsubscribe and permission
 * rechecks, by other threads; a concurrent map.
 */
final class ClientSubscriptions {
    private final Router router;
    private final Map<String, Subscription> bySid = new ConcurrentHashMap<>();

    ClientSubscriptions(Router router) {
        this.router = router;
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
     * Adds a subscription to this client and to routing.
     *
     * @return false when routing refused its subject (nothing is kept then)
     */
    boolean add(Subscription subscription) {
        if (bySid.putIfAbsent(subscription.sid(), subscription) != null) {
            return true; // a repeated sid is ignored, the first subscription kept (nats-server)
        }
        if (!router.subscribe(subscription)) {
            bySid.remove(subscription.sid(), subscription);
            return false;
        }
        return true;
    }

    /** Removes a subscription from this client and from routing. Any thread. */
    void remove(Subscription subscription) {
        bySid.remove(subscription.sid(), subscription);
        router.unsubscribe(subscription);
    }

    /** Takes every subscription out of routing: the connection closed. */
    void removeAllFromRouting() {
        for (Subscription subscription : bySid.values()) {
            router.unsubscribe(subscription);
        }
    }
}
