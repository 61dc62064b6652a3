package io.wirehub.server.auth;

import io.wirehub.server.config.LimitsConfig;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per source address limits on connections (ATTACKS.md 5): how many may be open at once, and how
 * many may start per second (a token bucket per address, one second of burst). An address's entry
 * lives while it has connections open or recent connects to remember; idle ones are dropped, so
 * the table never holds more than the addresses currently active.
 *
 * <p>Thread-safe: each entry is changed under its own monitor, held only for arithmetic.
 */
public final class ConnectionAdmission {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    public enum Verdict { ADMITTED, TOO_MANY_FROM_ADDRESS, TOO_FAST_FROM_ADDRESS }

    private final Map<InetAddress, AddressState> addresses = new ConcurrentHashMap<>();

    /** One address's open connections and connect-rate bucket. */
    private static final class AddressState {
        int open;
        double tokens = -1;
        long refilledAt = System.nanoTime();
    }

    /** Decides on a new connection; an admitted one must be {@link #release}d when it closes. */
    public Verdict admit(InetAddress address, LimitsConfig limits) {
        if (address == null || (limits.connectionsPerAddress() == 0 && limits.connectRatePerAddress() == 0)) {
            return Verdict.ADMITTED;
        }
        Verdict[] verdict = {Verdict.ADMITTED};
        addresses.compute(address, (key, state) -> {
            AddressState s = state == null ? new AddressState() : state;
            if (limits.connectRatePerAddress() > 0 && !takeConnectToken(s, limits.connectRatePerAddress())) {
                verdict[0] = Verdict.TOO_FAST_FROM_ADDRESS;
            } else if (limits.connectionsPerAddress() > 0 && s.open >= limits.connectionsPerAddress()) {
                verdict[0] = Verdict.TOO_MANY_FROM_ADDRESS;
            } else {
                s.open++;
            }
            return s;
        });
        return verdict[0];
    }

    private static boolean takeConnectToken(AddressState s, int perSecond) {
        long now = System.nanoTime();
        if (s.tokens < 0) {
            s.tokens = perSecond;
        } else {
            s.tokens = Math.min(perSecond, s.tokens + (now - s.refilledAt) * (double) perSecond / NANOS_PER_SECOND);
        }
        s.refilledAt = now;
        if (s.tokens < 1) {
            return false;
        }
        s.tokens -= 1;
        return true;
    }

    /** A connection admitted for {@code address} closed. */
    public void release(InetAddress address) {
        if (address == null) {
            return;
        }
        addresses.computeIfPresent(address, (key, s) -> {
            s.open = Math.max(0, s.open - 1);
            boolean idle = s.open == 0 && System.nanoTime() - s.refilledAt > NANOS_PER_SECOND;
            return idle ? null : s;
        });
    }

    /** Open connections counted for an address (for tests and monitoring). */
    public int open(InetAddress address) {
        AddressState s = addresses.get(address);
        return s == null ? 0 : s.open;
    }
}
