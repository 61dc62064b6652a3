package io.wirehub.server.connection;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open client connections, by id, with the max_connections limit. Thread-safe.
 */
public final class ConnectionRegistry {
    private final int maxConnections;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, ClientConnection> open = new ConcurrentHashMap<>();
    /** Admitted connections; reserved before the map insert so the limit is never overshot. */
    private final AtomicInteger admitted = new AtomicInteger();

    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Client ids start at 1, as in nats-server. */
    long nextId() {
        return nextId.incrementAndGet();
    }

    /** Adds a connection unless max_connections are already open. */
    boolean tryAdd(ClientConnection connection) {
        while (true) {
            int current = admitted.get();
            if (current >= maxConnections) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                open.put(connection.id(), connection);
                return true;
            }
        }
    }

    void remove(ClientConnection connection) {
        if (open.remove(connection.id(), connection)) {
            admitted.decrementAndGet();
        }
    }

    public int size() {
        return open.size();
    }

    public ClientConnection get(long id) {
        return open.get(id);
    }

    /** A live view of the open connections; iteration is weakly consistent. */
    public Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(open.values());
    }
}
