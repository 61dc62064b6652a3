package io.wirehub.server.jetstream.api;

/** Carries a {@link JsApiError} out of validation or parsing to the handler that answers with it. */
public final class JsApiException extends Exception {
    private final JsApiError error;
    private final boolean countedAsError;

    public JsApiException(JsApiError error) {
        this(error, true);
    }

    private JsApiException(JsApiError error, boolean countedAsError) {
        super(error.toString(), null, false, false);
        this.error = error;
        this.countedAsError = countedAsError;
    }

    /**
     * An error nats-server sends through its ordinary response path, so the account's
     * {@code api.errors} does not count it (MSG.DELETE's not found, a failed purge).
     */
    public static JsApiException notCounted(JsApiError error) {
        return new JsApiException(error, false);
    }

    /** Whether {@code api.errors} counts the answer. */
    public boolean countedAsError() {
        return countedAsError;
    }

    public JsApiError error() {
        return error;
    }
}
