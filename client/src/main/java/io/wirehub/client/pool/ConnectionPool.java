package io.wirehub.client.pool;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * N jnats connections used as one: each request goes to the connected connection with the fewest
 * requests outstanding (round robin among equals), so one busy or reconnecting socket does not
 * hold everybody up; publishes go round robin. Connections reconnect on their own (give the
 * template {@link ExponentialBackoff}); while one is away the others carry the load.
 *
 * <p>Thread-safe: any number of threads may request and publish at once.
 */
public final class ConnectionPool implements AutoCloseable {
    private final List<Connection> connections;
    /** Requests sent and not yet answered, per connection. */
    private final AtomicLongArray outstanding;
    /** Requests sent, per connection (for monitoring and tests). */
    private final AtomicLongArray sent;
    private final AtomicInteger turn = new AtomicInteger();

    private ConnectionPool(List<Connection> connections) {
        this.connections = List.copyOf(connections);
        this.outstanding = new AtomicLongArray(connections.size());
        this.sent = new AtomicLongArray(connections.size());
    }

    /**
     * Opens {@code size} connections from the template; each gets its own name ({@code name-1}...).
     *
     * @throws IOException when one cannot connect (those already open are closed)
     */
    public static ConnectionPool open(Supplier<Options.Builder> template, String name, int size)
            throws IOException, InterruptedException {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection");
        }
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                opened.add(Nats.connect(template.get().connectionName(name + "-" + i).build()));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (Connection nc : opened) {
                nc.close();
            }
            throw e;
        }
        return new ConnectionPool(opened);
    }

    /** Sends a request on the least busy connected connection. */
    public CompletableFuture<Message> request(String subject, byte[] body, Duration timeout) {
        int index = choose();
        outstanding.incrementAndGet(index);
        sent.incrementAndGet(index);
        CompletableFuture<Message> reply;
        try {
            reply = connections.get(index).requestWithTimeout(subject, body, timeout);
        } catch (RuntimeException e) {
            outstanding.decrementAndGet(index);
            throw e;
        }
        return reply.whenComplete((message, error) -> outstanding.decrementAndGet(index));
    }

    /** Publishes on the next connected connection in turn. */
    public void publish(String subject, byte[] body) {
        connections.get(nextConnected()).publish(subject, body);
    }

    private int choose() {
        int start = Math.floorMod(turn.getAndIncrement(), connections.size());
        int best = -1;
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < connections.size(); i++) {
            int index = (start + i) % connections.size();
            if (connections.get(index).getStatus() != Connection.Status.CONNECTED) {
                continue;
            }
            long busy = outstanding.get(index);
            if (busy < fewest) {
                fewest = busy;
                best = index;
            }
        }
        // None connected: jnats buffers while reconnecting, so the first in turn still takes it.
        return best >= 0 ? best : start;
    }

    private int nextConnected() {
        int start = Math.floorMod(turn.getAndIncrement(), connections.size());
        for (int i = 0; i < connections.size(); i++) {
            int index = (start + i) % connections.size();
            if (connections.get(index).getStatus() == Connection.Status.CONNECTED) {
                return index;
            }
        }
        return start;
    }

    public int size() {
        return connections.size();
    }

    /** Connections that are connected now. */
    public long connected() {
        return connections.stream().filter(c -> c.getStatus() == Connection.Status.CONNECTED).count();
    }

    /** Requests sent on connection {@code index} (0-based) since the pool opened. */
    public long requestsSent(int index) {
        return sent.get(index);
    }

    public List<Connection> connections() {
        return connections;
    }

    @Override
    public void close() throws InterruptedException {
        for (Connection nc : connections) {
            nc.close();
        }
    }
}
