package io.wirehub.server.transport;

import java.io.IOException;

/** The TLS handshake failed or timed out: the connection closes as "TLS Handshake Failure". */
public final class TlsHandshakeException extends IOException {
    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
