package io.wirehub.server.jetstream.store;

/**
 * Told of every message that leaves the store other than by close: limits, remove, erase, purge,
 * compact. Consumers use it to drop pending sequences. Called after the store's lock is released
 * (so the listener may call back into the store), on the thread that caused the removal.
 */
@FunctionalInterface
public interface RemovalListener {
    void removed(long seq, String subject);
}
