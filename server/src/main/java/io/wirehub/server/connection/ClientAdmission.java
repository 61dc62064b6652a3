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

    /** Authentication settled (CONNECT, or no_auth_user): the timer is no longer needed. */
    void authenticationSettled() {
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The connection closed: stop the timer and give its address's place back. */
    void release() {
        authenticationSettled();
        InetAddress address = admittedAddress;
        if (address != null) {
            services.admission().release(address);
        }
    }
}
