package io.wirehub.server.connection;

import io.wirehub.server.transport.CloseNotice;

/**
 * Why a connection ended, with the text nats-server's /connz shows for it (so tools built for
 * nats-server read ours). Recorded once per connection: the first reason wins.
 */
public enum CloseReason {
    CLIENT_CLOSED("Client Closed"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    TLS_HANDSHAKE_ERROR("TLS Handshake Failure"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    WRITE_ERROR("Write Error"),
    READ_ERROR("Read Error"),
    PARSE_ERROR("Parse Error"),
    STALE_CONNECTION("Stale Connection"),
    PROTOCOL_VIOLATION("Protocol Violation"),
    BAD_CLIENT_PROTOCOL_VERSION("Bad Client Protocol Version"),
    MAX_CONNECTIONS_EXCEEDED("Maximum Connections Exceeded"),
    MAX_ACCOUNT_CONNECTIONS_EXCEEDED("Maximum Account Connections Exceeded"),
    MAX_PAYLOAD_EXCEEDED("Maximum Message Payload Exceeded"),
    MAX_CONTROL_LINE_EXCEEDED("Maximum Control Line Exceeded"),
    MAX_SUBSCRIPTIONS_EXCEEDED("Maximum Subscriptions Exceeded"),
    SERVER_SHUTDOWN("Server Shutdown"),
    NO_RESPONDERS_REQUIRES_HEADERS("No Responders Requires Headers"),
    /** Operator mode: the user JWT's {@code exp} passed while connected. */
    AUTHENTICATION_EXPIRED("Authentication Expired"),
    /** Operator mode: an account update revoked the user while connected. */
    REVOCATION("Credentials Revoked"),
    /** An unexpected failure inside Wirehub while serving this connection (a bug, logged as one). */
    INTERNAL_ERROR("Internal Error");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    /** The /connz {@code reason} text. */
    public String text() {
        return text;
    }

    /** What a transport with a close handshake (WebSocket) tells the client (PROTOCOL.md §12). */
    public CloseNotice notice() {
        return switch (this) {
            case AUTHENTICATION_TIMEOUT, AUTHENTICATION_VIOLATION, AUTHENTICATION_EXPIRED, REVOCATION,
                    MAX_CONNECTIONS_EXCEEDED,
                    MAX_ACCOUNT_CONNECTIONS_EXCEEDED, MAX_SUBSCRIPTIONS_EXCEEDED -> CloseNotice.POLICY_VIOLATION;
            case PARSE_ERROR, PROTOCOL_VIOLATION, BAD_CLIENT_PROTOCOL_VERSION, MAX_CONTROL_LINE_EXCEEDED,
                    NO_RESPONDERS_REQUIRES_HEADERS -> CloseNotice.PROTOCOL_ERROR;
            case MAX_PAYLOAD_EXCEEDED -> CloseNotice.TOO_BIG;
            case STALE_CONNECTION, SERVER_SHUTDOWN -> CloseNotice.GOING_AWAY;
            case SLOW_CONSUMER_PENDING_BYTES, SLOW_CONSUMER_WRITE_DEADLINE, WRITE_ERROR, READ_ERROR,
                    TLS_HANDSHAKE_ERROR, CLIENT_CLOSED -> CloseNotice.NONE;
            case INTERNAL_ERROR -> CloseNotice.SERVER_ERROR;
        };
    }

    /** Whether nats-server flushes queued output before closing for this reason. */
    public boolean flushesPending() {
        return switch (this) {
            case SLOW_CONSUMER_PENDING_BYTES, SLOW_CONSUMER_WRITE_DEADLINE, WRITE_ERROR, READ_ERROR,
                    CLIENT_CLOSED -> false;
            default -> true;
        };
    }
}
