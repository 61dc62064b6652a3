package io.wirehub.server.jetstream.api;

import java.util.List;
import java.util.Optional;

/**
 * One account's streams as the API asks for them. The API validates requests and writes the
 * answers; an implementation keeps the streams, their stores and their subscriptions.
 * Called from the account's API thread only.
 */
public interface JsStreams {

    /**
     * Creates a stream from a validated config (defaults applied), or returns the existing one when
     * its config is identical, as nats-server's create is idempotent.
     *
     * @throws JsApiException 10058 for the name with another config, 10065 for subjects another
     *     stream has, 10027 at the account's stream limit, 10049 when the store cannot be made
     */
    StreamView create(StreamConfig config) throws JsApiException;

    /** Applies a validated new config to an existing stream; 10065 for subjects another stream has. */
    StreamView update(StreamView stream, StreamConfig config) throws JsApiException;

    Optional<StreamView> lookup(String name);

    /** Every stream, sorted by name. */
    List<StreamView> all();

    /** Removes the stream and everything it stored. */
    void delete(StreamView stream) throws JsApiException;

    /** An account with no streams (JetStream not enabled, or tests of the API alone). */
    JsStreams NONE = new JsStreams() {
        @Override
        public StreamView create(StreamConfig config) throws JsApiException {
            throw new JsApiException(JsErrorKind.STREAM_CREATE.error(JsApiDispatcher.STORE_FAILED));
        }

        @Override
        public StreamView update(StreamView stream, StreamConfig config) throws JsApiException {
            throw new JsApiException(JsErrorKind.STREAM_NOT_FOUND.error());
        }

        @Override
        public Optional<StreamView> lookup(String name) {
            return Optional.empty();
        }

        @Override
        public List<StreamView> all() {
            return List.of();
        }

        @Override
        public void delete(StreamView stream) {
        }
    };
}
