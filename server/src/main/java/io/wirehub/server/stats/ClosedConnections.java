package io.wirehub.server.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last {@code max_closed_clients} closed connections, for /connz?state=closed: a ring that
 * forgets the oldest. Thread-safe: {@link #lock} guards the deque.
 */
public final class ClosedConnections {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private final ArrayDeque<ConnectionSnapshot> ring = new ArrayDeque<>();

    public ClosedConnections(int capacity) {
        this.capacity = capacity;
    }

    public void add(ConnectionSnapshot closed) {
        if (capacity == 0) {
            return;
        }
        lock.lock();
        try {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(closed);
        } finally {
            lock.unlock();
        }
    }

    /** Oldest first. */
    public List<ConnectionSnapshot> list() {
        lock.lock();
        try {
            return new ArrayList<>(ring);
        } finally {
            lock.unlock();
        }
    }
}
