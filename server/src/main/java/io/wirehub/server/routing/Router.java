package io.wirehub.server.routing;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Routes published messages to subscriptions. Looks the subject up (publisher's L1 cache, then the
 * shared index and its cache), hands the message to every plain subscription and to one member of
 * each queue group, and reports whether anyone accepted it. It never writes to a socket and never
 * waits for a subscriber: sinks queue and return.
 *
 * <p>Thread-safe: any number of readers route at once; the index guards itself.
 */
public final class Router {
    /** The prefix of the reply subjects a service import gives requests ({@code _R_.<id>.<n>}). */
    private static final String RESPONSE_PREFIX = "_R_.";
    /** How many imports {@link #trackDown} follows back at most. */
    private static final int MAX_TRACK = 8;

    private final SubjectIndex index;
    /** Where an {@code _R_} reply of this account leads (requester's router and reply), or null. */
    private volatile java.util.function.Function<String, ReplyInterest> responseOrigins = reply -> null;

    public Router(SubjectIndex index) {
        this.index = index;
    }

    /** Set by the account: looks its pending service-import replies up. */
    public void responseOrigins(java.util.function.Function<String, ReplyInterest> origins) {
        this.responseOrigins = origins;
    }

    /**
     * The requester's router and reply subject behind {@code reply}, following service-import
     * replies back to the account that asked (nats-server's trackDownAccountAndInterest); this
     * router and {@code reply} itself when it is not such a reply or its route is gone.
     */
    public ReplyInterest trackDown(String reply) {
        Router router = this;
        String subject = reply;
        for (int i = 0; i < MAX_TRACK && subject.startsWith(RESPONSE_PREFIX); i++) {
            ReplyInterest origin = router.responseOrigins.apply(subject);
            if (origin == null) {
                break;
            }
            router = origin.router();
            subject = origin.subject();
        }
        return new ReplyInterest(router, subject);
    }

    public SubjectIndex index() {
        return index;
    }

    /** Adds a subscription; false when its subject is not valid for SUB. */
    public boolean subscribe(Subscription subscription) {
        return index.insert(subscription);
    }

    /** Removes a subscription and declines any delivery still racing towards it. */
    public void unsubscribe(Subscription subscription) {
        subscription.markClosed();
        index.remove(subscription);
    }

    /**
     * Delivers {@code message} to everyone interested.
     *
     * @return how many subscriptions accepted it (echo-suppressed self delivery does not count);
     *         0 is what triggers no-responders
     */
    public int route(PublishedMessage message, PublisherState publisher) {
        var args = message.args();
        MatchResult match = publisher.cache().lookup(index, args.line(), args.subjectOffset(), args.subjectLength());
        return deliverAll(match, message.publisher(), message, publisher);
    }

    /**
     * Routes a message an import made while another was being delivered (it may come from another
     * account's router): the publisher's own cache belongs to its account's index, so this looks
     * the subject up in the shared cache of this index; destinations are woken with the
     * publisher's batch.
     */
    public int routeImported(PublishedMessage message, PublisherState publisher) {
        return deliverAll(index.match(message.subject()), message.publisher(), message, publisher);
    }

    /**
     * Routes a message to the subscribers of {@code destination} while it keeps its own subject:
     * how a JetStream consumer delivers a stored message to a deliver or reply subject with the
     * message's original subject on the MSG line, as nats-server does.
     */
    public int routeTo(String destination, PublishedMessage message, PublisherState publisher) {
        message.destination(destination);
        return deliverAll(index.match(destination), message.publisher(), message, publisher);
    }

    /** Whether anything is subscribed to a literal subject. */
    public boolean hasInterest(String subject) {
        return !index.match(subject).isEmpty();
    }

    /**
     * Delivers a message that came from another server over a link ({@code publisher} is that
     * link's sink): to every plain subscription here and to every other link with matching
     * interest (one copy per link), and to one member of only the queue groups the link named
     * (none when it named none), a local member first and another link's only when no local one
     * took it. Never back to the link it came from (nats-server processMsgResults for a leaf
     * connection: the sender chose the queue groups; leafs never echo).
     */
    public int routeFromRemote(PublishedMessage message, PublisherState publisher, List<String> queues) {
        MatchResult match = index.match(message.subject());
        if (match.isEmpty()) {
            return 0;
        }
        message.routedBy(publisher);
        MessageSink from = message.publisher();
        RemoteTargets remotes = publisher.remoteTargets();
        int delivered = 0;
        for (Subscription subscription : match.plain()) {
            if (subscription.sink() instanceof RemoteSink remote) {
                if (!remote.isOriginOf(from) && !subscription.isClosed()) {
                    remotes.addPlain(remote);
                }
            } else if (deliver(subscription, message, publisher)) {
                delivered++;
            }
        }
        if (!queues.isEmpty()) {
            for (Subscription[] group : match.queueGroups()) {
                if (!queues.contains(group[0].queue())) {
                    continue;
                }
                if (deliverToLocal(group, message, publisher)) {
                    delivered++;
                } else {
                    chooseRemote(group, from, publisher, remotes);
                }
            }
        }
        if (!remotes.isEmpty()) {
            delivered += remotes.forwardAll(message, publisher);
        }
        return delivered;
    }

    private int deliverAll(MatchResult match, MessageSink from, PublishedMessage message,
                           PublisherState publisher) {
        if (match.isEmpty()) {
            return 0;
        }
        message.routedBy(publisher);
        RemoteTargets remotes = publisher.remoteTargets();
        int delivered = 0;
        for (Subscription subscription : match.plain()) {
            if (subscription.sink() instanceof RemoteSink remote) {
                if (!remote.isOriginOf(from) && !subscription.isClosed()) {
                    remotes.addPlain(remote);
                }
            } else if (deliver(subscription, message, publisher)) {
                delivered++;
            }
        }
        for (Subscription[] group : match.queueGroups()) {
            if (deliverToLocal(group, message, publisher)) {
                delivered++;
            } else {
                chooseRemote(group, from, publisher, remotes);
            }
        }
        if (!remotes.isEmpty()) {
            delivered += remotes.forwardAll(message, publisher);
        }
        return delivered;
    }

    /**
     * One local member per message, starting from a random index and taking the first that
     * accepts (nats-server's rule: random per message, not round-robin). Remote members are left
     * for {@link #chooseRemote}: local queue consumers are served first.
     */
    private static boolean deliverToLocal(Subscription[] group, PublishedMessage message, PublisherState publisher) {
        int size = group.length;
        SplittableRandom random = publisher.random();
        int start = size > 1 ? random.nextInt(size) : 0;
        for (int i = 0; i < size; i++) {
            int index = start + i;
            if (index >= size) {
                index -= size;
            }
            if (!(group[index].sink() instanceof RemoteSink) && deliver(group[index], message, publisher)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A remote member of the group, other than the link the message came from, chosen at random
     * in proportion to the members each stands for (nats-server lists a remote queue
     * subscription once per unit of weight and picks among the list).
     */
    private static void chooseRemote(Subscription[] group, MessageSink from, PublisherState publisher,
                                     RemoteTargets remotes) {
        int total = 0;
        for (Subscription member : group) {
            if (eligibleRemote(member, from)) {
                total += member.queueWeight();
            }
        }
        if (total == 0) {
            return;
        }
        int pick = total > 1 ? publisher.random().nextInt(total) : 0;
        Subscription chosen = null;
        for (Subscription member : group) {
            if (eligibleRemote(member, from)) {
                chosen = member; // the last eligible one, should a weight drop meanwhile
                pick -= member.queueWeight();
                if (pick < 0) {
                    break;
                }
            }
        }
        if (chosen != null) {
            remotes.addQueue((RemoteSink) chosen.sink(), chosen.queue());
        }
    }

    private static boolean eligibleRemote(Subscription member, MessageSink from) {
        return member.sink() instanceof RemoteSink remote && !remote.isOriginOf(from) && !member.isClosed();
    }

    private static boolean deliver(Subscription subscription, PublishedMessage message, PublisherState publisher) {
        if (subscription.isClosed()) {
            return false;
        }
        MessageSink sink = subscription.sink();
        if (!sink.deliver(subscription, message)) {
            return false;
        }
        publisher.touched(sink);
        return true;
    }

    /**
     * The publisher's own plain subscription that a reply subject would reach: where nats-server
     * sends the no-responders status. Null when there is none.
     */
    public Subscription ownSubscriptionFor(MessageSink publisher, String replySubject) {
        MatchResult match = index.match(replySubject);
        for (Subscription subscription : match.plain()) {
            if (subscription.sink() == publisher && !subscription.isClosed()) {
                return subscription;
            }
        }
        return null;
    }
}
