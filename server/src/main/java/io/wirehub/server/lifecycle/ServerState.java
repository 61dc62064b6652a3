package io.wirehub.server.lifecycle;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a server is in its life: starting, ready, in lame duck mode, shutting down; and when its
 * configuration was loaded. What /healthz answers from.
 *
 * <p>Thread-safe: flags that move one way, set once each.
 */
public final class ServerState {
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean lameDuck = new AtomicBoolean();
    /** Set once every listener is up. */
    private volatile boolean ready;
    /** When the configuration in force was loaded: start, then each reload. */
    private volatile Instant configLoadedAt = startedAt;

    public Instant startedAt() {
        return startedAt;
    }

    public Instant configLoadedAt() {
        return configLoadedAt;
    }

    public void configReloaded() {
        configLoadedAt = Instant.now();
    }

    public void ready() {
        ready = true;
    }

    /** @return true for the one caller that moved the server into shutdown */
    public boolean beginClosing() {
        return closing.compareAndSet(false, true);
    }

    public boolean isClosing() {
        return closing.get();
    }

    /** @return true for the one caller that moved the server into lame duck mode (never after shutdown began) */
    public boolean beginLameDuck() {
        return !closing.get() && lameDuck.compareAndSet(false, true);
    }

    public boolean isLameDuck() {
        return lameDuck.get();
    }

    /** Null when healthy; otherwise why not. */
    public String unhealthyReason() {
        if (closing.get()) {
            return "server is shutting down";
        }
        if (lameDuck.get()) {
            return "server is in lame duck mode";
        }
        return ready ? null : "server is starting";
    }
}
