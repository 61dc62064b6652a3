package io.wirehub.server.connection;

import io.wirehub.server.config.Defaults;
import io.wirehub.server.config.ServerConfig;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Server-side keep-alive for one connection, as nats-server does it (PROTOCOL.md §8): a first
 * PING about 2 s after CONNECT to measure RTT, then one per ping_interval unless the client was
 * active, and {@code Stale Connection} when more than ping_max go unanswered.
 */
final class PingTimer {
    /** An RTT sample older than this forces a PING even on a busy connection. */
    private static final long RTT_REFRESH_NANOS = TimeUnit.HOURS.toNanos(1);

    private final ClientConnection connection;
    private final ScheduledExecutorService scheduler;
    private final ServerConfig config;
    private final ReentrantLock lock = new ReentrantLock();

    /** guarded by lock */
    private ScheduledFuture<?> pending;
    /** PINGs sent and not yet answered; guarded by lock. */
    private int outstanding;
    /** When the last PING was sent (System.nanoTime()), 0 before the first; guarded by lock. */
    private long lastPingSentAt;
    /** A PING was sent and its PONG has not come yet; guarded by lock. */
    private boolean rttPending;
    /** Round trip of the last PING, in nanoseconds; 0 until measured. */
    private volatile long rttNanos;

    private final java.util.function.LongConsumer rttObserver;

    PingTimer(ClientConnection connection, ScheduledExecutorService scheduler, ServerConfig config,
              java.util.function.LongConsumer rttObserver) {
        this.connection = connection;
        this.scheduler = scheduler;
        this.config = config;
        this.rttObserver = rttObserver;
    }

    /** Arms the regular timer (at accept, before CONNECT). */
    void start() {
        schedule(config.pingInterval().toNanos());
    }

    /** CONNECT arrived: re-arm with the short first delay, plus up to 20 % jitter. */
    void connectReceived(long connectRttNanos) {
        rttNanos = Math.max(1, connectRttNanos);
        long delay = config.pingInterval().toNanos();
        long shortFirst = Defaults.FIRST_CLIENT_PING.toNanos();
        if (!config.disableShortFirstPing() && delay > shortFirst) {
            delay = shortFirst;
        }
        delay += ThreadLocalRandom.current().nextLong(Math.max(1, delay / 5));
        schedule(delay);
    }

    void pongReceived() {
        lock.lock();
        try {
            outstanding = 0;
            if (lastPingSentAt != 0 && rttPending) {
                rttNanos = Math.max(1, System.nanoTime() - lastPingSentAt);
                rttPending = false;
                rttObserver.accept(rttNanos);
            }
        } finally {
            lock.unlock();
        }
    }

    Duration rtt() {
        return Duration.ofNanos(rttNanos);
    }

    void cancel() {
        lock.lock();
        try {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void schedule(long delayNanos) {
        lock.lock();
        try {
            if (pending != null) {
                pending.cancel(false);
            }
            pending = scheduler.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void fire() {
        if (connection.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long interval = config.pingInterval().toNanos();
        boolean stale = false;
        lock.lock();
        try {
            boolean needRtt = rttNanos == 0 || lastPingSentAt == 0 || now - lastPingSentAt > RTT_REFRESH_NANOS;
            boolean recentlyActive = now - connection.lastActivityNanos() < interval
                    || now - connection.lastClientPingNanos() < interval;
            if (needRtt || !recentlyActive) {
                if (outstanding + 1 > config.pingMax()) {
                    stale = true;
                } else {
                    outstanding++;
                    lastPingSentAt = now;
                    rttPending = true;
                    connection.sendPing();
                }
            }
        } finally {
            lock.unlock();
        }
        if (stale) {
            connection.staleConnection();
            return;
        }
        schedule(interval);
    }
}
