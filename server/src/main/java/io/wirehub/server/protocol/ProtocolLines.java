package io.wirehub.server.protocol;

import java.nio.charset.StandardCharsets;

/** Fixed server-to-client lines, and the one formatted line, -ERR. */
public final class ProtocolLines {
    public static final byte[] PING = bytes("PING\r\n");
    public static final byte[] PONG = bytes("PONG\r\n");
    public static final byte[] OK = bytes("+OK\r\n");
    public static final byte[] MSG = bytes("MSG ");
    public static final byte[] HMSG = bytes("HMSG ");
    public static final byte[] CRLF = bytes("\r\n");
    /** The header block of a no-responders status (PROTOCOL.md §7): 16 bytes, no payload. */
    public static final byte[] NO_RESPONDERS_HEADER = bytes("NATS/1.0 503\r\n\r\n");

    private ProtocolLines() {
    }

    /** {@code -ERR '<text>'CRLF}, exactly as nats-server writes it. */
    public static byte[] err(String text) {
        return ("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
