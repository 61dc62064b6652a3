package io.wirehub.server.connection;

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
    MAX_PAYLOAD_EXCEEDED("Maximum Message Payload Exceeded"),
    MAX_CONTROL_LINE_EXCEEDED("Maximum Control Line Exceeded"),
    MAX_SUBSCRIPTIONS_EXCEEDED("Maximum Subscriptions Exceeded"),
    SERVER_SHUTDOWN("Server Shutdown"),
    NO_RESPONDERS_REQUIRES_HEADERS("No Responders Requires Headers"),
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

    /** Whether nats-server flushes queued output before closing for this reason. */
    public boolean flushesPending() {
        return switch (this) {
            case SLOW_CONSUMER_PENDING_BYTES, SLOW_CONSUMER_WRITE_DEADLINE, WRITE_ERROR, READ_ERROR,
                    CLIENT_CLOSED -> false;
            default -> true;
        };
    }
}
