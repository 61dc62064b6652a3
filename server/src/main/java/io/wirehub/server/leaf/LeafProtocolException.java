package io.wirehub.server.leaf;

import java.io.IOException;

/** The hub sent something the leaf protocol does not allow; the message is nats-server's -ERR text. */
final class LeafProtocolException extends IOException {
    LeafProtocolException(String message) {
        super(message);
    }
}
