package io.wirehub.server.stats;

/**
 * Where connections report that a client finished connecting or went away, for the system
 * account's CONNECT and DISCONNECT events. Nobody listens until the system service starts; a
 * connection checks {@link #active()} before taking a snapshot, so a server without a system
 * account pays one volatile read per connect and close.
 *
 * <p>Thread-safe: the listener is set once, read by any connection thread.
 */
public final class ConnectionEvents {
    /** Called on the connection's own thread: must hand the work elsewhere and return at once. */
    public interface Listener {
        void connected(ConnectionSnapshot client);

        void disconnected(ConnectionSnapshot client);
    }

    private volatile Listener listener;

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public boolean active() {
        return listener != null;
    }

    public void connected(ConnectionSnapshot client) {
        Listener current = listener;
        if (current != null) {
            current.connected(client);
        }
    }

    public void disconnected(ConnectionSnapshot client) {
        Listener current = listener;
        if (current != null) {
            current.disconnected(client);
        }
    }
}
