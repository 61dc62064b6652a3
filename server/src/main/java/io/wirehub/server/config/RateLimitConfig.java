package io.wirehub.server.config;

/**
 * Message and byte rates for publishing, as token buckets (a second's worth of burst).
 *
 * @param messagesPerSecond 0 for no limit
 * @param bytesPerSecond    0 for no limit (counts payload and header bytes)
 * @param policy            what happens to a publisher over its rate
 */
public record RateLimitConfig(long messagesPerSecond, long bytesPerSecond, Policy policy) {

    public static final RateLimitConfig UNLIMITED = new RateLimitConfig(0, 0, Policy.SLOW_DOWN);

    public enum Policy {
        /** Stop reading from the publisher until the rate allows more: TCP pushes back. */
        SLOW_DOWN,
        /** Drop the message and tell the publisher with a permissions-style -ERR (non-fatal). */
        REFUSE
    }

    public boolean limited() {
        return messagesPerSecond > 0 || bytesPerSecond > 0;
    }
}
