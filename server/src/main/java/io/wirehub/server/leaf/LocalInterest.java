package io.wirehub.server.leaf;

import io.wirehub.server.routing.InterestListener;
import io.wirehub.server.routing.RemoteSink;
import io.wirehub.server.routing.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local account's interest, as the hub must hear it: one count per subject (plain) or per
 * subject and queue group (the weight), kept for the remote's whole life, so a new connection
 * sends all of it and an open one hears every change (nats-server updateSmap: plain interest
 * only on 0 to 1 and 1 to 0; queue interest on every change, with the new weight).
 *
 * <p>Only local interest counts: subscriptions of a remote sink (what the hub asked for, or
 * another link) are never announced back, as a nats-server spoke does not.
 *
 * <p>Concurrency: {@link #lock} guards {@link #counts} and {@link #link}. The index calls the
 * listener under its write lock; this lock is taken inside it, and the link's queue inside
 * this one, never the other way round.
 */
final class LocalInterest implements InterestListener {
    /** Where interest changes go while a connection is up. */
    interface Announcer {
        void announce(String subject, String queue, int count);
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** "subject" or "subject queue" to the number of local subscriptions. guarded by lock */
    private final Map<String, Count> counts = new LinkedHashMap<>();
    /** guarded by lock; null while no connection is up */
    private Announcer link;

    private static final class Count {
        final String subject;
        final String queue;
        int value;

        Count(String subject, String queue) {
            this.subject = subject;
            this.queue = queue;
        }
    }

    @Override
    public void added(Subscription subscription) {
        change(subscription, 1);
    }

    @Override
    public void removed(Subscription subscription) {
        change(subscription, -1);
    }

    private void change(Subscription subscription, int delta) {
        if (subscription.sink() instanceof RemoteSink) {
            return;
        }
        String key = subscription.queue() == null ? subscription.subject()
                : subscription.subject() + " " + subscription.queue();
        lock.lock();
        try {
            Count count = counts.computeIfAbsent(key, k -> new Count(subscription.subject(), subscription.queue()));
            count.value += delta;
            if (count.value <= 0) {
                counts.remove(key);
            }
            boolean announce = count.queue != null || count.value == 0 || (delta > 0 && count.value == 1);
            if (link != null && announce) {
                link.announce(count.subject, count.queue, Math.max(count.value, 0));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends everything to a new connection, then every change until {@link #detach}. */
    void attach(Announcer announcer) {
        lock.lock();
        try {
            link = announcer;
            for (Count count : counts.values()) {
                announcer.announce(count.subject, count.queue, count.value);
            }
        } finally {
            lock.unlock();
        }
    }

    void detach(Announcer announcer) {
        lock.lock();
        try {
            if (link == announcer) {
                link = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many distinct subjects and queue groups are announced. */
    int size() {
        lock.lock();
        try {
            return counts.size();
        } finally {
            lock.unlock();
        }
    }
}
