package io.wirehub.server.protocol;

/**
 * Why a client's input ended its connection, with the exact {@code -ERR} text nats-server sends
 * for it (PROTOCOL.md §9), or none where nats-server closes silently.
 */
public enum ProtocolError {
    /** Bad op name, bad bytes, no CRLF right after a payload, a server-only op from a client. */
    UNKNOWN_OPERATION("Unknown Protocol Operation"),
    /** A control line argument longer than max_control_line (also while still incomplete). */
    MAX_CONTROL_LINE("maximum control line exceeded"),
    /** A PUB/HPUB announcing more than max_payload; refused before reading the payload. */
    MAX_PAYLOAD("Maximum Payload Violation"),
    /** Wrong argument count, bad size digits, HPUB without headers: closed with no -ERR. */
    MALFORMED(null),
    /** An op other than CONNECT first while authentication is required, or bad credentials. */
    AUTHORIZATION_VIOLATION("Authorization Violation"),
    /** Authenticated into an account already at its {@code max_connections}. */
    MAX_ACCOUNT_CONNECTIONS("maximum account active connections exceeded"),
    /**
     * In an account or user whose subscription limit is 0 (a user JWT without {@code subs}):
     * nats-server says so and closes the connection as soon as it is in its account.
     */
    MAX_SUBSCRIPTIONS("maximum subscriptions exceeded"),
    /** CONNECT with a protocol other than 0 or 1. */
    BAD_CLIENT_PROTOCOL("invalid client protocol"),
    /** CONNECT asking for no_responders without headers. */
    NO_RESPONDERS_REQUIRES_HEADERS("no responders requires headers support"),
    /** The client sent {@code -ERR}: nats-server logs it and closes without answering. */
    CLIENT_ERROR(null);

    private final String errText;

    ProtocolError(String errText) {
        this.errText = errText;
    }

    /** The text inside {@code -ERR '...'}, or null when the connection closes silently. */
    public String errText() {
        return errText;
    }
}
