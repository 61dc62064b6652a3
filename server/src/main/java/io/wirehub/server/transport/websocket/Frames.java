package io.wirehub.server.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RFC 6455 numbers and the few encodings both directions share. */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;
    static final int RSV2_RSV3 = 0x30;
    static final int MASK = 0x80;

    /** Control frames carry at most this much (RFC 6455 §5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The longest header: 2 bytes, an 8-byte length, a 4-byte mask. */
    static final int MAX_HEADER = 14;

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_INVALID_DATA = 1007;
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final int CLOSE_TOO_BIG = 1009;
    static final int CLOSE_INTERNAL_ERROR = 1011;

    private Frames() {
    }

    /** Writes an unmasked frame header for a payload of {@code length} bytes. */
    static void putHeader(ByteBuffer dst, int opcode, boolean rsv1, long length) {
        dst.put((byte) (FIN | (rsv1 ? RSV1 : 0) | opcode));
        if (length < 126) {
            dst.put((byte) length);
        } else if (length <= 0xFFFF) {
            dst.put((byte) 126);
            dst.putShort((short) length);
        } else {
            dst.put((byte) 127);
            dst.putLong(length);
        }
    }

    /**
     * Whether a peer may send this close code (RFC 6455 §7.4): the defined codes except those
     * reserved for reporting (1004, 1005, 1006, 1015), and the ranges for libraries and applications.
     */
    static boolean isValidReceivedCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
    }

    /**
     * A close frame's payload: the code, then the reason in UTF-8, cut to fit 125 bytes with
     * {@code ...} at the end (as nats-server does), never inside a character.
     */
    static byte[] closePayload(int code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int room = MAX_CONTROL_PAYLOAD - 2;
        int keep = text.length;
        boolean truncated = keep > room;
        if (truncated) {
            keep = room - 3;
            while (keep > 0 && (text[keep] & 0xC0) == 0x80) {
                keep--; // text[keep] continues a character: cut before that character starts
            }
        }
        byte[] payload = new byte[2 + keep + (truncated ? 3 : 0)];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, keep);
        if (truncated) {
            payload[2 + keep] = '.';
            payload[3 + keep] = '.';
            payload[4 + keep] = '.';
        }
        return payload;
    }
}
