package io.wirehub.server.routing;

/**
 * Told of every subscription a {@link SubjectIndex} gains or loses: how a leaf-node link learns the
 * local interest it must announce (LS+/LS-). Called while the index's write lock is held, so the
 * calls come in the index's own order; an implementation must be quick, must not block on I/O and
 * must not touch the index.
 */
public interface InterestListener {

    void added(Subscription subscription);

    void removed(Subscription subscription);

    /**
     * A queue subscription in the index now stands for a different number of members (a leaf
     * link's weight update); {@link Subscription#queueWeight} already holds the new one.
     */
    default void reweighed(Subscription subscription, int oldWeight) {
    }
}
