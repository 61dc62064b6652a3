package io.wirehub.cli;

/** A failure whose message is the whole story for the user: printed as is, no stack trace. */
public final class UserFacingException extends RuntimeException {
    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
