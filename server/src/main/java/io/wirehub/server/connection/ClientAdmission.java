package io.wirehub.server.connection;

import io.wirehub.server.auth.ConnectionAdmission;
import io.wirehub.server.auth.SecurityPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's way in: its place under the per-address limits and max_connections, and the
 * timer that closes it if it never authenticates. What it takes, {@link #release} gives back.
 *
 * <p>Thread-safe: admitted on the accepting thread, settled by the reader, released by whoever
 * closes; the fields are written once each and read through volatiles.
 */
final class ClientAdmission {
    private final ConnectionServices services;
    /** The address counted by {@link ConnectionAdmission}; null if not counted. */
    private volatile InetAddress admittedAddress;
    /** Null when authentication is not required, or before it is armed. */
    private volatile ScheduledFuture<?> authTimer;
    /** 0: not counted in the handshake load; 1: counted (sending, unsettled); 2: settled or closed. */
    private final java.util.concurrent.atomic.AtomicInteger handshake = new java.util.concurrent.atomic.AtomicInteger();

    ClientAdmission(ConnectionServices services) {
        this.services = services;
    }

    /** Applies the per-address limits and max_connections; returns why it is refused, or null. */
    String admit(ClientConnection connection, SecurityPolicy policy) {
        InetAddress address = connection.transport().remoteAddress().getAddress();
        ConnectionAdmission.Verdict verdict = services.admission().admit(address, policy.limits());
        if (verdict != ConnectionAdmission.Verdict.ADMITTED) {
            return verdict == ConnectionAdmission.Verdict.TOO_FAST_FROM_ADDRESS
                    ? "Connection rate limit for " + connection.clientIp() + " exceeded"
                    : "Connections per address limit exceeded";
        }
        admittedAddress = address;
        if (!services.registry().tryAdd(connection)) {
            return "Maximum connections exceeded";
        }
        return null;
    }

    /** Runs {@code onTimeout} after {@code timeout} unless authentication settles first. */
    void armAuthTimer(Duration timeout, Runnable onTimeout) {
        authTimer = services.scheduler().schedule(onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Accepted, its reader not yet running: it counts in the handshake load until it runs. */
    private final java.util.concurrent.atomic.AtomicBoolean awaitingReader = new java.util.concurrent.atomic.AtomicBoolean();

    /** Just accepted: its threads are queued for a carrier; counted until its reader runs. */
    void accepted() {
        awaitingReader.set(true);
        services.handshakes().started();
    }

    /** Its reader runs (or it closed before): no longer waiting for a carrier. */
    void readerRunning() {
        if (awaitingReader.compareAndSet(true, false)) {
            services.handshakes().ended();
        }
    }

    /** The client sent its first bytes: until it settles, it counts in the handshake load. */
    void firstBytes() {
        if (handshake.compareAndSet(0, 1)) {
            services.handshakes().started();
        }
    }

    /** Authentication settled (CONNECT, or no_auth_user): the timer is no longer needed. */
    void authenticationSettled() {
        if (handshake.getAndSet(2) == 1) {
            services.handshakes().ended();
        }
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The connection closed: stop the timer and give its address's place back. */
    void release() {
        readerRunning();
        authenticationSettled();
        InetAddress address = admittedAddress;
        if (address != null) {
            services.admission().release(address);
        }
    }
}
