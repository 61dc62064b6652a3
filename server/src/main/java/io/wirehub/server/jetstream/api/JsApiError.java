package io.wirehub.server.jetstream.api;

/**
 * One error answer of the JetStream API: the {@code "error"} object of a reply,
 * {@code {"code":…,"err_code":…,"description":"…"}}, with nats-server's numbers and text.
 */
public record JsApiError(JsErrorKind kind, String description) {

    public int code() {
        return kind.code();
    }

    public int errCode() {
        return kind.errCode();
    }

    @Override
    public String toString() {
        return description + " (" + errCode() + ")";
    }
}
