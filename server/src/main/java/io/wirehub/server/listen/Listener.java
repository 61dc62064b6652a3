package io.wirehub.server.listen;

/**
 * One running listener of the server: the client port, the Unix socket, WebSocket, UDP or the
 * monitoring port. Closing it stops accepting; what it already accepted is left alone.
 *
 * <p>{@link Kind#LEAF}, the leafnode port, is a kind only for sockets bound before start
 * ({@link BoundSockets}): it runs under {@code leaf.LeafNodes}, not as one of these.
 */
public interface Listener extends AutoCloseable {

    /** What listens, one of each per server. */
    enum Kind { CLIENT, UNIX, WEBSOCKET, UDP, MONITORING, LEAF }

    Kind kind();

    /** The port actually bound; 0 for the Unix socket. */
    int port();

    /** How a client on this machine reaches it: {@code nats://}, {@code unix://}, {@code ws://}... */
    String url();

    /** Where it listens, for the start-up log. */
    String describe();

    /** Stops accepting. Idempotent. */
    @Override
    void close();

    /** Waits up to {@code millis} for its accept thread to end after {@link #close()}. */
    default void awaitStopped(long millis) throws InterruptedException {
    }

    /**
     * Reads its TLS certificate, key and CA files again (SIGHUP) for the connections it accepts
     * from now on.
     *
     * @return whether it did; false when it has no TLS of its own or the change takes a restart
     * @throws io.wirehub.server.config.ConfigException naming the file when the new files are
     *         unusable; the old ones stay
     */
    default boolean reloadTls(io.wirehub.server.config.ServerConfig next) {
        return false;
    }
}
