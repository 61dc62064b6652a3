package io.wirehub.server.transport.websocket;

import java.io.IOException;

/** The upgrade request did not arrive in time, or the connection failed during it. */
public final class WebSocketHandshakeException extends IOException {
    public WebSocketHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
