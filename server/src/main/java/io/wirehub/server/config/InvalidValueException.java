package io.wirehub.server.config;

/**
 * A config-file value of the wrong type or form for its key. The binder catches it per key,
 * records it with the key's {@code file:line} and goes on with the next key.
 */
class InvalidValueException extends RuntimeException {
    InvalidValueException(String message) {
        super(message);
    }
}
