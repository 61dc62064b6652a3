package io.wirehub.server.jetstream.store;

import java.time.Duration;

/**
 * The limits of a limits-retention stream, as the store applies them on every append. A value of
 * 0 or less means "no limit" (the stream config writes -1). With {@code discardNew} an append over
 * a limit is refused; otherwise the oldest messages are removed to make room.
 *
 * @param maxAge {@link Duration#ZERO} for none
 * @param maxMsgSize the largest headers + payload accepted
 * @param discardNewPerSubject refuse (rather than replace) a message whose subject is at
 *     {@code maxMsgsPerSubject}; only meaningful with {@code discardNew}
 */
public record StoreLimits(long maxMsgs, long maxBytes, Duration maxAge, long maxMsgsPerSubject, long maxMsgSize,
        boolean discardNew, boolean discardNewPerSubject) {

    public static final StoreLimits NONE = new StoreLimits(-1, -1, Duration.ZERO, -1, -1, false, false);

    public StoreLimits {
        maxAge = maxAge == null ? Duration.ZERO : maxAge;
    }

    public StoreLimits withMaxMsgs(long value) {
        return new StoreLimits(value, maxBytes, maxAge, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxBytes(long value) {
        return new StoreLimits(maxMsgs, value, maxAge, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxAge(Duration value) {
        return new StoreLimits(maxMsgs, maxBytes, value, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxMsgsPerSubject(long value) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, value, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxMsgSize(long value) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, maxMsgsPerSubject, value, discardNew, discardNewPerSubject);
    }

    public StoreLimits withDiscardNew(boolean value, boolean perSubject) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, maxMsgsPerSubject, maxMsgSize, value, perSubject);
    }

    boolean hasMaxAge() {
        return maxAge.isPositive();
    }
}
