package io.wirehub.server.transport;

/**
 * Why the server is closing a connection, in the terms a transport with a close handshake of its
 * own (WebSocket's close frame) can tell the peer. Plain TCP, TLS and Unix sockets just close.
 */
public enum CloseNotice {
    /** Say nothing: the peer is gone or not reading (read and write errors, slow consumers). */
    NONE,
    /** Stale connection or shutdown (WebSocket 1001). */
    GOING_AWAY,
    /** Authentication or a limit refused the client (WebSocket 1008). */
    POLICY_VIOLATION,
    /** The client broke the protocol (WebSocket 1002). */
    PROTOCOL_ERROR,
    /** A message over max_payload (WebSocket 1009). */
    TOO_BIG,
    /** Anything else, a failure inside the server included (WebSocket 1011). */
    SERVER_ERROR
}
