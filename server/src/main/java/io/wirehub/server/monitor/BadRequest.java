package io.wirehub.server.monitor;

/** A query value the endpoint cannot use: answered with HTTP 400 and this plain-text message. */
final class BadRequest extends IllegalArgumentException {
    BadRequest(String message) {
        super(message);
    }
}
