package io.wirehub.server.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions a subject reaches: every plain one, and the queue subscriptions grouped by
 * queue name (one member of each group gets the message). Immutable once built; shared between
 * threads through the caches, so the arrays are never modified — changes build a new result.
 */
public final class MatchResult {
    private static final Subscription[] NO_SUBSCRIPTIONS = new Subscription[0];
    private static final Subscription[][] NO_GROUPS = new Subscription[0][];
    public static final MatchResult EMPTY = new MatchResult(NO_SUBSCRIPTIONS, NO_GROUPS);

    private final Subscription[] plain;
    private final Subscription[][] queueGroups;

    private MatchResult(Subscription[] plain, Subscription[][] queueGroups) {
        this.plain = plain;
        this.queueGroups = queueGroups;
    }

    /** Plain subscriptions; callers must not modify the array. */
    public Subscription[] plain() {
        return plain;
    }

    /** One non-empty array per queue name; callers must not modify the arrays. */
    public Subscription[][] queueGroups() {
        return queueGroups;
    }

    public boolean isEmpty() {
        return plain.length == 0 && queueGroups.length == 0;
    }

    /** Plain subscriptions plus one per queue group: how many copies a message makes. */
    public int fanOut() {
        return plain.length + queueGroups.length;
    }

    /** A copy with one more subscription. */
    MatchResult with(Subscription subscription) {
        if (!subscription.isQueue()) {
            Subscription[] more = Arrays.copyOf(plain, plain.length + 1);
            more[plain.length] = subscription;
            return new MatchResult(more, queueGroups);
        }
        Subscription[][] groups = queueGroups.clone();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i][0].queue().equals(subscription.queue())) {
                Subscription[] members = Arrays.copyOf(groups[i], groups[i].length + 1);
                members[groups[i].length] = subscription;
                groups[i] = members;
                return new MatchResult(plain, groups);
            }
        }
        Subscription[][] more = Arrays.copyOf(groups, groups.length + 1);
        more[groups.length] = new Subscription[] {subscription};
        return new MatchResult(plain, more);
    }

    /** A copy without one subscription (by identity). */
    MatchResult without(Subscription subscription) {
        if (!subscription.isQueue()) {
            Subscription[] fewer = remove(plain, subscription);
            return fewer == plain ? this : create(fewer, queueGroups);
        }
        for (int i = 0; i < queueGroups.length; i++) {
            Subscription[] members = remove(queueGroups[i], subscription);
            if (members != queueGroups[i]) {
                Subscription[][] groups;
                if (members.length == 0) {
                    groups = new Subscription[queueGroups.length - 1][];
                    System.arraycopy(queueGroups, 0, groups, 0, i);
                    System.arraycopy(queueGroups, i + 1, groups, i, queueGroups.length - i - 1);
                } else {
                    groups = queueGroups.clone();
                    groups[i] = members;
                }
                return create(plain, groups);
            }
        }
        return this;
    }

    private static Subscription[] remove(Subscription[] from, Subscription subscription) {
        for (int i = 0; i < from.length; i++) {
            if (from[i] == subscription) {
                Subscription[] fewer = new Subscription[from.length - 1];
                System.arraycopy(from, 0, fewer, 0, i);
                System.arraycopy(from, i + 1, fewer, i, from.length - i - 1);
                return fewer;
            }
        }
        return from;
    }

    private static MatchResult create(Subscription[] plain, Subscription[][] groups) {
        return plain.length == 0 && groups.length == 0 ? EMPTY : new MatchResult(plain, groups);
    }

    /** Collects subscriptions while the index is walked, then freezes them into a result. */
    static final class Builder {
        private final List<Subscription> plain = new ArrayList<>();
        private Map<String, List<Subscription>> groups;

        void addPlain(List<Subscription> subscriptions) {
            plain.addAll(subscriptions);
        }

        void addGroup(String queue, List<Subscription> members) {
            if (groups == null) {
                groups = new LinkedHashMap<>();
            }
            groups.computeIfAbsent(queue, q -> new ArrayList<>()).addAll(members);
        }

        MatchResult build() {
            if (plain.isEmpty() && groups == null) {
                return EMPTY;
            }
            Subscription[][] frozen = NO_GROUPS;
            if (groups != null) {
                frozen = new Subscription[groups.size()][];
                int i = 0;
                for (List<Subscription> members : groups.values()) {
                    frozen[i++] = members.toArray(NO_SUBSCRIPTIONS);
                }
            }
            return create(plain.toArray(NO_SUBSCRIPTIONS), frozen);
        }
    }
}
