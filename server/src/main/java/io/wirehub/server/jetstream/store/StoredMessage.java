package io.wirehub.server.jetstream.store;

/**
 * One message as the store holds it. Headers and payload are never null (empty arrays instead),
 * and are owned by the store: callers must not change them.
 *
 * @param seq the stream sequence the store assigned
 * @param timestampNanos when it was stored, nanoseconds since the epoch
 */
public record StoredMessage(long seq, String subject, byte[] headers, byte[] payload, long timestampNanos) {
}
