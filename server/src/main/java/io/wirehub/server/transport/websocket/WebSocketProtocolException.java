package io.wirehub.server.transport.websocket;

import java.io.IOException;

/**
 * The client broke RFC 6455 (or a limit); the close frame with {@link #statusCode()} and the
 * message as its reason has already been sent when a read throws this.
 */
public final class WebSocketProtocolException extends IOException {
    private final int statusCode;

    public WebSocketProtocolException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    /** The close code sent: 1002 protocol error, 1007 invalid data, 1009 message too big. */
    public int statusCode() {
        return statusCode;
    }
}
