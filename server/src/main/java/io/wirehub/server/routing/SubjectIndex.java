package io.wirehub.server.routing;

import io.wirehub.server.stats.SubjectIndexStats;
import io.wirehub.server.subject.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Every subscription, in a trie of subject tokens with separate slots for {@code *} and {@code >},
 * plus a capped cache from literal subject to {@link MatchResult}. The cache is patched on insert
 * and remove (only the entries a subscription touches change), never cleared wholesale.
 *
 * <p>Concurrency: {@link #lock} guards the trie ({@link #root} and every node below it). Writers
 * (insert, remove) take it exclusively and patch the cache before releasing it. A match that
 * misses the cache walks the trie under the read lock and stores its result while still holding
 * it, so no writer can slip between computing and caching a result. Cache hits take no lock.
 */
public final class SubjectIndex {
    /** The cache holds at most this many subjects; past it, it is swept down to {@link #CACHE_SWEEP_TO}. */
    static final int CACHE_MAX = 1024;
    static final int CACHE_SWEEP_TO = 256;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** guarded by lock */
    private final TrieNode root = new TrieNode();
    /** Literal subject to result; null when caching is off. Written under the read or write lock. */
    private final Map<String, MatchResult> cache;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Changes on every insert and remove; publishers' L1 caches compare it. */
    private volatile long generation;
    /** guarded by lock (written under the write lock, read under either) */
    private int count;
    private final LongAdder inserts = new LongAdder();
    private final LongAdder removes = new LongAdder();
    private final LongAdder matches = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    /** Told of every insert and remove; written and called under the write lock. */
    private final List<InterestListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SubjectIndex(boolean cacheEnabled) {
        this.cache = cacheEnabled ? new ConcurrentHashMap<>() : null;
    }

    /**
     * Adds a subscription.
     *
     * @return false, changing nothing, when its subject is not valid for SUB
     */
    public boolean insert(Subscription subscription) {
        String subject = subscription.subject();
        String[] tokens = subscribeTokens(subject);
        if (tokens == null) {
            return false;
        }
        lock.writeLock().lock();
        try {
            TrieNode node = root;
            for (String token : tokens) {
                node = node.childForInsert(token);
            }
            node.add(subscription);
            count++;
            patchCache(subject, result -> result.with(subscription));
            generation++;
            for (InterestListener listener : listeners) {
                listener.added(subscription);
            }
        } finally {
            lock.writeLock().unlock();
        }
        inserts.increment();
        return true;
    }

    /** Removes that exact subscription; false when it was not in the index. */
    public boolean remove(Subscription subscription) {
        String subject = subscription.subject();
        String[] tokens = subscribeTokens(subject);
        if (tokens == null) {
            return false;
        }
        lock.writeLock().lock();
        try {
            TrieNode[] path = new TrieNode[tokens.length + 1];
            path[0] = root;
            for (int i = 0; i < tokens.length; i++) {
                path[i + 1] = path[i].child(tokens[i]);
                if (path[i + 1] == null) {
                    return false;
                }
            }
            if (!path[tokens.length].remove(subscription)) {
                return false;
            }
            for (int i = tokens.length; i > 0 && path[i].isEmpty(); i--) {
                path[i - 1].removeChild(tokens[i - 1]);
            }
            count--;
            patchCache(subject, result -> result.without(subscription));
            generation++;
            for (InterestListener listener : listeners) {
                listener.removed(subscription);
            }
        } finally {
            lock.writeLock().unlock();
        }
        removes.increment();
        return true;
    }

    /**
     * Changes how many members a queue subscription already in the index stands for, and tells
     * the listeners in the index's order (so an interest update never overtakes its LS+).
     */
    public void reweigh(Subscription subscription, int weight) {
        lock.writeLock().lock();
        try {
            int old = subscription.queueWeight();
            subscription.queueWeight(weight);
            if (old != subscription.queueWeight()) {
                for (InterestListener listener : listeners) {
                    listener.reweighed(subscription, old);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces every cached result the subject reaches. Caller holds the write lock. */
    private void patchCache(String subject, java.util.function.UnaryOperator<MatchResult> change) {
        if (cache == null) {
            return;
        }
        if (!Subjects.hasWildcard(subject)) {
            cache.computeIfPresent(subject, (key, result) -> change.apply(result));
            return;
        }
        for (Map.Entry<String, MatchResult> entry : cache.entrySet()) {
            if (Subjects.matchesLiteral(entry.getKey(), subject)) {
                entry.setValue(change.apply(entry.getValue()));
            }
        }
    }

    /**
     * Every subscription a published subject reaches. A subject with an empty token reaches
     * nothing; {@code *} and {@code >} in it are plain text (they reach only wildcard
     * subscriptions that cover them).
     */
    public MatchResult match(String subject) {
        matches.increment();
        if (cache != null) {
            MatchResult cached = cache.get(subject);
            if (cached != null) {
                cacheHits.increment();
                return cached;
            }
        }
        String[] tokens = splitLiteral(subject);
        if (tokens == null) {
            return MatchResult.EMPTY;
        }
        MatchResult result;
        lock.readLock().lock();
        try {
            MatchResult.Builder builder = new MatchResult.Builder();
            collect(root, tokens, 0, builder);
            result = builder.build();
            if (cache != null) {
                cache.put(subject, result);
            }
        } finally {
            lock.readLock().unlock();
        }
        if (cache != null && cache.size() > CACHE_MAX) {
            sweepCache();
        }
        return result;
    }

    /** Walks the trie; {@code node} is where tokens[0, i) led. Caller holds a lock. */
    private static void collect(TrieNode node, String[] tokens, int i, MatchResult.Builder into) {
        if (i == tokens.length) {
            node.addTo(into);
            return;
        }
        if (node.tail() != null) {
            node.tail().addTo(into);
        }
        if (node.star() != null) {
            collect(node.star(), tokens, i + 1, into);
        }
        TrieNode literal = node.literalChild(tokens[i]);
        if (literal != null) {
            collect(literal, tokens, i + 1, into);
        }
    }

    /** Drops cached subjects, at random, down to {@link #CACHE_SWEEP_TO}; one sweeper at a time. */
    private void sweepCache() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            var keys = cache.keySet().iterator();
            while (cache.size() > CACHE_SWEEP_TO && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }

    /**
     * Adds a listener and, in the same step, tells it of every subscription already here, so it
     * misses nothing and counts nothing twice.
     */
    public void addListener(InterestListener listener) {
        lock.writeLock().lock();
        try {
            listeners.add(listener);
            root.forEachBelow(listener::added);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeListener(InterestListener listener) {
        lock.writeLock().lock();
        try {
            listeners.remove(listener);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Changes whenever the set of subscriptions changes. */
    public long generation() {
        return generation;
    }

    public int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} for every subscription (under the read lock: keep it short). */
    public void forEach(Consumer<Subscription> action) {
        lock.readLock().lock();
        try {
            root.forEachBelow(action);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A snapshot of the figures /subsz reports. */
    public SubjectIndexStats stats() {
        int cached = 0;
        int maxFanOut = 0;
        long totalFanOut = 0;
        if (cache != null) {
            for (MatchResult result : cache.values()) {
                cached++;
                maxFanOut = Math.max(maxFanOut, result.fanOut());
                totalFanOut += result.fanOut();
            }
        }
        long matchCount = matches.sum();
        return new SubjectIndexStats(count(), cached, inserts.sum(), removes.sum(), matchCount,
                matchCount == 0 ? 0 : (double) cacheHits.sum() / matchCount, maxFanOut,
                cached == 0 ? 0 : (double) totalFanOut / cached);
    }

    /** Tokens of a subscription subject, or null when it is not valid for SUB. */
    private static String[] subscribeTokens(String subject) {
        return Subjects.isValidSubscribeSubject(subject) ? subject.split("\\.", -1) : null;
    }

    /** Tokens of a publish subject, or null when a token is empty (it then matches nothing). */
    private static String[] splitLiteral(String subject) {
        if (subject.isEmpty()) {
            return null;
        }
        List<String> tokens = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= subject.length(); i++) {
            if (i == subject.length() || subject.charAt(i) == '.') {
                if (i == start) {
                    return null;
                }
                tokens.add(subject.substring(start, i));
                start = i + 1;
            }
        }
        return tokens.toArray(new String[0]);
    }
}
