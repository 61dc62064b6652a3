package io.wirehub.server.config;

/**
 * Text that is not valid NATS config syntax. Parsing of that file stops here (what follows cannot
 * be read reliably); the file parser records the problem and goes on with everything else.
 */
final class ConfigSyntaxException extends RuntimeException {
    private final SourcePosition position;

    ConfigSyntaxException(SourcePosition position, String message) {
        super(message);
        this.position = position;
    }

    SourcePosition position() {
        return position;
    }

    /** The problem in {@code file:line: message} form. */
    String problem() {
        return position.problem(getMessage());
    }
}
