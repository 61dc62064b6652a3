package io.wirehub.server.leaf;

import io.wirehub.server.protocol.LeafWire;
import io.wirehub.server.routing.InterestListener;
import io.wirehub.server.routing.RemoteSink;
import io.wirehub.server.routing.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The interest one link must announce to the other side: one count per subject (plain) or per
 * subject and queue group (the weight), so a new connection sends all of it and an open one
 * hears every change (nats-server updateSmap: plain interest only on 0 to 1 and 1 to 0; queue
 * interest on every change, with the new weight).
 *
 * <p>What counts depends on the link's role, as in nats-server (initLeafNodeSmapAndSendSubs,
 * updateLeafNodes, updateSmap):
 * <ul>
 *   <li>towards a hub (this server dialled; one instance per remote, kept across its
 *       connections): the account's clients, and the spokes that joined this server, never what
 *       this or another hub asked for (a spoke does not pass a hub's interest up), except
 *       other servers' {@code $LDS.} subjects, which always travel so loops are found;</li>
 *   <li>towards a spoke (it dialled this server; one instance per connection): everything in
 *       the account but that spoke's own interest and, when the spoke names a cluster, interest
 *       that came from a link to that same cluster (cluster-wide no echo).</li>
 * </ul>
 * A client's queue subscription counts 1; another link's counts the weight it announced.
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
    /** Whether this link's other side is a spoke (it dialled this server). */
    private final boolean towardsSpoke;
    /** The spoke's cluster (CONNECT cluster), "" for none or towards a hub. */
    private final String spokeCluster;
    /** "subject" or "subject queue" to the number of subscriptions. guarded by lock */
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

    /** The interest a remote announces to its hub. */
    static LocalInterest towardsHub() {
        return new LocalInterest(false, "");
    }

    /** The interest this server, as hub, announces to a spoke of that cluster ("" for none). */
    static LocalInterest towardsSpoke(String cluster) {
        return new LocalInterest(true, cluster == null ? "" : cluster);
    }

    private LocalInterest(boolean towardsSpoke, String spokeCluster) {
        this.towardsSpoke = towardsSpoke;
        this.spokeCluster = spokeCluster;
    }

    @Override
    public void added(Subscription subscription) {
        if (counts(subscription)) {
            change(subscription, weight(subscription.queueWeight(), subscription));
        }
    }

    @Override
    public void removed(Subscription subscription) {
        if (counts(subscription)) {
            change(subscription, -weight(subscription.queueWeight(), subscription));
        }
    }

    @Override
    public void reweighed(Subscription subscription, int oldWeight) {
        if (counts(subscription)) {
            change(subscription, subscription.queueWeight() - oldWeight);
        }
    }

    private static int weight(int queueWeight, Subscription subscription) {
        return subscription.isQueue() ? queueWeight : 1;
    }

    /** Whether a subscription belongs in what this link announces (stable for its whole life). */
    private boolean counts(Subscription subscription) {
        if (!(subscription.sink() instanceof RemoteSink remote)) {
            return true; // a client, or an internal subscriber of the account
        }
        if (!(remote instanceof LeafSession from) || from.interest() == this) {
            return false; // never back to where it came from
        }
        if (towardsSpoke) {
            return spokeCluster.isEmpty() || !spokeCluster.equals(from.remoteCluster());
        }
        return from.isAccepted() || subscription.subject().startsWith(LeafWire.LOOP_DETECTION_PREFIX);
    }

    private void change(Subscription subscription, int delta) {
        if (delta == 0) {
            return;
        }
        String key = subscription.queue() == null ? subscription.subject()
                : subscription.subject() + " " + subscription.queue();
        lock.lock();
        try {
            Count count = counts.get(key);
            if (count == null) {
                if (delta < 0) {
                    return;
                }
                count = new Count(subscription.subject(), subscription.queue());
                counts.put(key, count);
            }
            int before = count.value;
            count.value += delta;
            if (count.value <= 0) {
                counts.remove(key);
            }
            boolean announce = count.queue != null ? count.value != before : (before > 0) != (count.value > 0);
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
