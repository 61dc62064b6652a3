package io.wirehub.server.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One node of the subject trie: the subscriptions whose subject ends here, and the next token's
 * children, with {@code *} and {@code >} in slots of their own so a lookup never confuses a
 * literal "*" in a published subject with the wildcard.
 *
 * <p>Not thread-safe: {@link SubjectIndex} guards every node with its lock.
 */
final class TrieNode {
    private Map<String, TrieNode> literals;
    private TrieNode star;
    private TrieNode tail;
    private List<Subscription> plain;
    private Map<String, List<Subscription>> queues;

    TrieNode star() {
        return star;
    }

    TrieNode tail() {
        return tail;
    }

    TrieNode literalChild(String token) {
        return literals == null ? null : literals.get(token);
    }

    /** The child for a subscription token, wildcard slots included. */
    TrieNode child(String token) {
        if (token.length() == 1) {
            char c = token.charAt(0);
            if (c == '*') {
                return star;
            }
            if (c == '>') {
                return tail;
            }
        }
        return literalChild(token);
    }

    TrieNode childForInsert(String token) {
        TrieNode existing = child(token);
        if (existing != null) {
            return existing;
        }
        TrieNode created = new TrieNode();
        if (token.equals("*")) {
            star = created;
        } else if (token.equals(">")) {
            tail = created;
        } else {
            if (literals == null) {
                literals = new HashMap<>(4);
            }
            literals.put(token, created);
        }
        return created;
    }

    void removeChild(String token) {
        if (token.equals("*")) {
            star = null;
        } else if (token.equals(">")) {
            tail = null;
        } else if (literals != null) {
            literals.remove(token);
            if (literals.isEmpty()) {
                literals = null;
            }
        }
    }

    void add(Subscription subscription) {
        if (!subscription.isQueue()) {
            if (plain == null) {
                plain = new ArrayList<>(2);
            }
            plain.add(subscription);
            return;
        }
        if (queues == null) {
            queues = new LinkedHashMap<>(2);
        }
        queues.computeIfAbsent(subscription.queue(), q -> new ArrayList<>(2)).add(subscription);
    }

    /** Removes by identity; false when the subscription was not here. */
    boolean remove(Subscription subscription) {
        if (!subscription.isQueue()) {
            boolean removed = plain != null && removeIdentical(plain, subscription);
            if (plain != null && plain.isEmpty()) {
                plain = null;
            }
            return removed;
        }
        List<Subscription> members = queues == null ? null : queues.get(subscription.queue());
        if (members == null || !removeIdentical(members, subscription)) {
            return false;
        }
        if (members.isEmpty()) {
            queues.remove(subscription.queue());
            if (queues.isEmpty()) {
                queues = null;
            }
        }
        return true;
    }

    private static boolean removeIdentical(List<Subscription> list, Subscription subscription) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == subscription) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    /** No subscriptions and no children: the node can be pruned. */
    boolean isEmpty() {
        return plain == null && queues == null && literals == null && star == null && tail == null;
    }

    void addTo(MatchResult.Builder into) {
        if (plain != null) {
            into.addPlain(plain);
        }
        if (queues != null) {
            for (Map.Entry<String, List<Subscription>> group : queues.entrySet()) {
                into.addGroup(group.getKey(), group.getValue());
            }
        }
    }

    void forEachBelow(Consumer<Subscription> action) {
        if (plain != null) {
            plain.forEach(action);
        }
        if (queues != null) {
            queues.values().forEach(members -> members.forEach(action));
        }
        if (literals != null) {
            literals.values().forEach(child -> child.forEachBelow(action));
        }
        if (star != null) {
            star.forEachBelow(action);
        }
        if (tail != null) {
            tail.forEachBelow(action);
        }
    }
}
