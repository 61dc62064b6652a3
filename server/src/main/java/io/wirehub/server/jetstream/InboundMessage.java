package io.wirehub.server.jetstream;

import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message for a stream, copied out of the publisher's buffers (reused once delivery returns):
 * subject, reply (null for none), header block (empty for none) and payload.
 */
record InboundMessage(String subject, String reply, byte[] headers, byte[] payload) {

    static InboundMessage copyOf(PublishedMessage message) {
        PublishArgs args = message.args();
        byte[] line = args.line();
        String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
        String reply = args.replyLength() > 0
                ? new String(line, args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
        int headerLength = Math.max(0, args.headerLength());
        int start = message.dataOffset();
        byte[] headers = Arrays.copyOfRange(message.data(), start, start + headerLength);
        byte[] payload = Arrays.copyOfRange(message.data(), start + headerLength, start + args.totalLength());
        return new InboundMessage(subject, reply, headers, payload);
    }
}
