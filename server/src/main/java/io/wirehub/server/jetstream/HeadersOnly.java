package io.wirehub.server.jetstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A consumer's {@code headers_only}: the stored headers plus {@code Nats-Msg-Size: <payload length>}. */
final class HeadersOnly {
    private HeadersOnly() {
    }

    static byte[] headers(byte[] stored, int payloadLength) {
        byte[] line = ("Nats-Msg-Size: " + payloadLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (stored.length < 4) {
            byte[] start = "NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(start, start.length + line.length);
            System.arraycopy(line, 0, out, start.length, line.length);
            return out;
        }
        // Replace the block's closing empty line with the new header and a new closing line.
        byte[] out = Arrays.copyOf(stored, stored.length - 2 + line.length);
        System.arraycopy(line, 0, out, stored.length - 2, line.length);
        return out;
    }
}
