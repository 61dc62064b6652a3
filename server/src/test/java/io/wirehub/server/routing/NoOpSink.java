package io.wirehub.server.routing;

/** A sink that accepts everything and does nothing: for tests where only identity matters. */
final class NoOpSink implements MessageSink {
    static final NoOpSink INSTANCE = new NoOpSink();

    @Override
    public boolean deliver(Subscription subscription, PublishedMessage message) {
        return true;
    }

    @Override
    public void flushSignal() {
        // Nothing queued, nothing to wake.
    }
}
