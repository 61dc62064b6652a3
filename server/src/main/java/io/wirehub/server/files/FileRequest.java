package io.wirehub.server.files;

import io.wirehub.server.routing.PublishedMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request copied out of the publisher's buffers (they are reused as soon as delivery returns):
 * subject, reply subject, headers and payload.
 */
record FileRequest(String subject, String reply, Map<String, String> headers, byte[] payload) {

    static FileRequest copyOf(PublishedMessage message) {
        var args = message.args();
        byte[] line = args.line();
        String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
        String reply = args.replyLength() > 0
                ? new String(line, args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
        byte[] data = message.data();
        int start = message.dataOffset();
        Map<String, String> headers = parseHeaders(data, start, args.headerLength());
        int payloadLength = args.totalLength() - args.headerLength();
        byte[] payload = new byte[payloadLength];
        System.arraycopy(data, start + args.headerLength(), payload, 0, payloadLength);
        return new FileRequest(subject, reply, headers, payload);
    }

    /** {@code NATS/1.0\r\nKey: value\r\n...\r\n\r\n}, the first value of each key; keys as written. */
    private static Map<String, String> parseHeaders(byte[] data, int offset, int length) {
        Map<String, String> headers = new HashMap<>();
        if (length <= 0) {
            return headers;
        }
        String block = new String(data, offset, length, StandardCharsets.UTF_8);
        String[] lines = block.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    long payloadBytes() {
        return payload.length;
    }
}
