package io.wirehub.server.transport.tls;

/** TLS cannot be set up from the configured files: the message names the file and why. */
public final class TlsSetupException extends RuntimeException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
