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
        byte[] data = message.data();
        byte[] headers = Arrays.copyOfRange(data, start, start + headerLength);
        // A large payload the parser collected into an array of its own, which nothing writes to
        // again (an Object Store chunk), is kept as it is instead of copied.
        boolean whole = message.dataDetached() && headerLength == 0 && start == 0 && data.length == args.totalLength();
        byte[] payload = whole ? data : Arrays.copyOfRange(data, start + headerLength, start + args.totalLength());
        return new InboundMessage(subject, reply, headers, payload);
    }
}
