package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.store.MessageStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An account's mirror and source links: which streams are fed from which origin name, so that a
 * message stored in an origin wakes the streams fed from it, and a stream's feeds can find their
 * origins' stores. Links go by name, so an origin created after its mirror, or deleted and
 * created again, is picked up at the next pull.
 *
 * <p>Thread-safe: streams attach and detach on the API thread, and signal from their workers.
 */
final class FeedRegistry {
    static final FeedRegistry NONE = new FeedRegistry(name -> null);

    private final Function<String, Stream> streams;
    /** Origin name → the streams fed from it. */
    private final ConcurrentHashMap<String, Set<Stream>> fedFrom = new ConcurrentHashMap<>();

    FeedRegistry(Function<String, Stream> streams) {
        this.streams = streams;
    }

    /** The store of the named stream of this account, or null when there is none. */
    MessageStore origin(String name) {
        Stream s = streams.apply(name);
        return s == null ? null : s.store();
    }

    /** Links {@code target} to exactly these origins (replacing what it had). */
    void attach(Stream target, Set<String> origins) {
        if (this == NONE) {
            // Streams made without an account (tests) have no origins to be woken by.
            return;
        }
        detach(target);
        for (String origin : origins) {
            fedFrom.computeIfAbsent(origin, k -> ConcurrentHashMap.newKeySet()).add(target);
        }
    }

    void detach(Stream target) {
        fedFrom.values().forEach(set -> set.remove(target));
    }

    /** The named stream stored something: wake the streams fed from it. */
    void stored(String origin) {
        Set<Stream> targets = fedFrom.get(origin);
        if (targets != null) {
            targets.forEach(Stream::wakeFeeds);
        }
    }
}
