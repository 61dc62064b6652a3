package io.wirehub.server.protocol;

/**
 * Receives the operations {@link ProtocolParser} recognises. Arguments are slices of arrays owned
 * by the parser or by the caller's read buffer: valid only during the call, never to be kept.
 * Any method may throw {@link ProtocolViolation} to stop parsing and end the connection.
 */
public interface OpHandler {

    /** {@code CONNECT <json>}: the JSON bytes exactly as sent (may be empty or invalid). */
    void onConnect(byte[] buf, int offset, int length) throws ProtocolViolation;

    /**
     * A complete PUB or HPUB, payload included.
     *
     * @param args the control line's parts; for a PUB {@code args.headerLength()} is 0
     * @param data array holding the header block and payload back to back
     * @param dataOffset where the header block (or, without headers, the payload) starts
     */
    void onPublish(PublishArgs args, byte[] data, int dataOffset) throws ProtocolViolation;

    /**
     * A complete PUB or HPUB whose header block and payload the parser collected into an array of
     * their own, which it then drops: nothing writes to {@code data} after this call, so a handler
     * may keep it (read-only) instead of copying. By default the same as {@link #onPublish}.
     */
    default void onPublishDetached(PublishArgs args, byte[] data, int dataOffset) throws ProtocolViolation {
        onPublish(args, data, dataOffset);
    }

    /** {@code SUB <subject> [queue] <sid>}; queueLength is -1 without a queue group. */
    void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                     int sidOffset, int sidLength) throws ProtocolViolation;

    /**
     * {@code UNSUB <sid> [max]}.
     *
     * @param maxMessages the max argument, or -1 when absent or not a valid size
     */
    void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages) throws ProtocolViolation;

    void onPing() throws ProtocolViolation;

    void onPong() throws ProtocolViolation;

    /** {@code INFO <json>} sent by a client: to be decoded and otherwise ignored. */
    void onInfo(byte[] buf, int offset, int length) throws ProtocolViolation;

    /** {@code -ERR <text>} sent by a client. */
    void onClientError(byte[] buf, int offset, int length) throws ProtocolViolation;
}
