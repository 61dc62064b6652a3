package io.wirehub.server.lifecycle;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.CloseReason;
import io.wirehub.server.connection.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a server the way nats-server's lame duck mode does (PROTOCOL.md §14), on a thread of its
 * own: notify, wait the grace period, then close clients one by one spread over the remaining
 * duration (pauses capped at one second), and finally shut the server down. Spreading the closes
 * keeps clients from all reconnecting elsewhere at the same instant.
 */
public final class LameDuckMode {
    private static final Logger LOG = LoggerFactory.getLogger(LameDuckMode.class);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Below this pause, closes go in batches rather than one per pause. */
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ServerConfig config;
    private final ConnectionRegistry registry;
    private final Runnable shutdown;

    public LameDuckMode(ServerConfig config, ConnectionRegistry registry, Runnable shutdown) {
        this.config = config;
        this.registry = registry;
        this.shutdown = shutdown;
    }

    public void startAsync() {
        Thread.ofPlatform().name("wirehub-lame-duck").daemon(true).start(this::run);
    }

    private void run() {
        try {
            notifyClients();
            long grace = config.lameDuckGracePeriod().toNanos();
            LOG.info("Waiting {} before closing clients", config.lameDuckGracePeriod());
            TimeUnit.NANOSECONDS.sleep(grace);
            closeSpread(config.lameDuckDuration().toNanos() - grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown.run();
        }
    }

    private void notifyClients() {
        for (ClientConnection connection : registry.connections()) {
            if (connection.acceptsAsyncInfo()) {
                connection.sendLameDuckInfo();
            }
        }
    }

    private void closeSpread(long budgetNanos) throws InterruptedException {
        List<ClientConnection> clients = new ArrayList<>(registry.connections());
        if (clients.isEmpty()) {
            return;
        }
        LOG.info("Closing {} existing clients", clients.size());
        long pause = budgetNanos / clients.size();
        int batch = 1;
        if (pause < MIN_PAUSE_NANOS) {
            batch = (int) Math.min(clients.size(), Math.max(1, MIN_PAUSE_NANOS * clients.size() / Math.max(1, budgetNanos)));
            pause = MIN_PAUSE_NANOS;
        }
        pause = Math.min(pause, MAX_PAUSE_NANOS);
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).close(CloseReason.SERVER_SHUTDOWN);
            boolean last = i == clients.size() - 1;
            if (!last && (i + 1) % batch == 0) {
                // A random pause in [pause/2, pause), as nats-server does.
                long half = Math.max(1, pause / 2);
                TimeUnit.NANOSECONDS.sleep(half + ThreadLocalRandom.current().nextLong(half));
            }
        }
    }
}
