package io.wirehub.server.protocol;

/**
 * Thrown by the parser, or by an {@link OpHandler}, when input must end the connection. Carries no
 * stack trace: it is an expected outcome of bad input, raised per connection, not a bug.
 */
public final class ProtocolViolation extends Exception {
    private final ProtocolError error;

    public ProtocolViolation(ProtocolError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }
}
