package io.wirehub.server.jetstream.api;

import io.wirehub.server.config.JetStreamAccountLimits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One account as the JetStream API sees it: whether JetStream is enabled for it (its limits, or
 * null), what it holds, and its API counters ({@code api.total}, {@code api.errors} in account
 * info). The counters count only while JetStream is enabled for the account, as nats-server's do.
 */
public final class JsAccount {
    private final String name;
    /** Null when JetStream is not enabled for the account. */
    private final JetStreamAccountLimits limits;
    private final JsAccountUsage usage;
    private final AtomicLong apiTotal = new AtomicLong();
    private final AtomicLong apiErrors = new AtomicLong();

    public JsAccount(String name, JetStreamAccountLimits limits, JsAccountUsage usage) {
        this.name = name;
        this.limits = limits;
        this.usage = usage;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return limits != null;
    }

    /** Null when JetStream is not enabled for the account. */
    public JetStreamAccountLimits limits() {
        return limits;
    }

    public JsAccountUsage usage() {
        return usage;
    }

    long apiTotal() {
        return apiTotal.get();
    }

    long apiErrors() {
        return apiErrors.get();
    }

    /** Counts one answered request; false when the account has no JetStream (nothing counted). */
    boolean count(boolean error) {
        if (!enabled()) {
            return false;
        }
        apiTotal.incrementAndGet();
        if (error) {
            apiErrors.incrementAndGet();
        }
        return true;
    }
}
