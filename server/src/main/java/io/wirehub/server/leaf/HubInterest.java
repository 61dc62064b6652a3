package io.wirehub.server.leaf;

import io.wirehub.server.protocol.LeafWire;
import io.wirehub.server.routing.RemoteSink;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.subject.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's interest (its LS+), held as subscriptions of the link in the local account's router,
 * so local publishes that match reach the link. One subscription per subject, or per subject and
 * queue group, as nats-server keeps one per key: a repeated LS+ changes nothing here but a queue
 * weight, which weighs the choice between several links and is passed on to other links.
 *
 * <p>Written by the link's reader only; monitoring reads {@link #subjects} (a concurrent map).
 */
final class HubInterest {
    private final Router router;
    private final RemoteSink link;
    private final Map<String, Subscription> byKey = new ConcurrentHashMap<>();

    HubInterest(Router router, RemoteSink link) {
        this.router = router;
        this.link = link;
    }

    void add(LeafWire.Interest interest) {
        String key = key(interest.subject(), interest.queue());
        Subscription known = byKey.get(key);
        if (known != null) {
            if (known.isQueue()) {
                router.index().reweigh(known, interest.weight()); // nats-server UpdateRemoteQSub
            }
            return;
        }
        if (!Subjects.isValidSubscribeSubject(interest.subject())) {
            return;
        }
        Subscription subscription = new Subscription(link, interest.subject(), interest.queue(),
                key.getBytes(StandardCharsets.ISO_8859_1));
        if (interest.queue() != null) {
            subscription.queueWeight(interest.weight());
        }
        if (router.subscribe(subscription)) {
            byKey.put(key, subscription);
        }
    }

    void remove(LeafWire.Interest interest) {
        Subscription subscription = byKey.remove(key(interest.subject(), interest.queue()));
        if (subscription != null) {
            router.unsubscribe(subscription);
        }
    }

    /** Takes all of it out of the router: the link is gone. */
    void clear() {
        for (Subscription subscription : byKey.values()) {
            router.unsubscribe(subscription);
        }
        byKey.clear();
    }

    /** How many subscriptions (keys) the other side holds here. */
    int size() {
        return byKey.size();
    }

    List<String> subjects() {
        return byKey.values().stream().map(Subscription::subject).toList();
    }

    private static String key(String subject, String queue) {
        return queue == null ? subject : subject + " " + queue;
    }
}
