package io.wirehub.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Checks that bytes hold exactly one JSON object (or null), as nats-server's decoder requires. */
public final class JsonCheck {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonCheck() {
    }

    /** @throws ProtocolViolation ({@link ProtocolError#MALFORMED}) when they do not */
    public static void requireObjectOrNull(byte[] buf, int offset, int length) throws ProtocolViolation {
        try (JsonParser parser = JSON.createParser(buf, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                parser.skipChildren();
            } else if (first != JsonToken.VALUE_NULL) {
                throw new ProtocolViolation(ProtocolError.MALFORMED, "not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new ProtocolViolation(ProtocolError.MALFORMED, "data after the JSON object");
            }
        } catch (IOException e) {
            throw new ProtocolViolation(ProtocolError.MALFORMED, "invalid JSON: " + e.getMessage());
        }
    }
}
