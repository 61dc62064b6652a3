package io.wirehub.server.jetstream.store;

/**
 * A store operation that failed; {@link #kind()} says why, so the stream layer can pick the
 * nats-server error code without parsing messages. The texts are nats-server's store errors.
 * Unchecked: every store call can fail with IO, and the stream layer handles them all in one place.
 */
public final class StoreException extends RuntimeException {

    public enum Kind {
        MAX_MSGS("maximum messages exceeded"),
        MAX_BYTES("maximum bytes exceeded"),
        MAX_MSGS_PER_SUBJECT("maximum messages per subject exceeded"),
        MSG_TOO_BIG("message size exceeds maximum allowed"),
        NO_SPACE("no space left on device"),
        CORRUPT("corrupt state"),
        CLOSED("store is closed"),
        IO("i/o error");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Kind kind;

    public StoreException(Kind kind) {
        super(kind.text());
        this.kind = kind;
    }

    public StoreException(Kind kind, String detail, Throwable cause) {
        super(kind.text() + ": " + detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
