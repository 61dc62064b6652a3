package io.wirehub.server.jetstream.api;

/** Carries a {@link JsApiError} out of validation or parsing to the handler that answers with it. */
public final class JsApiException extends Exception {
    private final JsApiError error;

    public JsApiException(JsApiError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public JsApiError error() {
        return error;
    }
}
