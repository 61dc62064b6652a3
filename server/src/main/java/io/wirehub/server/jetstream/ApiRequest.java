package io.wirehub.server.jetstream;

import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import java.nio.charset.StandardCharsets;

/**
 * A {@code $JS.API} request copied out of the publisher's buffers (reused as soon as delivery
 * returns): subject, reply subject (null for none) and the payload without headers.
 */
record ApiRequest(String subject, String reply, byte[] body) {

    static ApiRequest copyOf(PublishedMessage message) {
        PublishArgs args = message.args();
        byte[] line = args.line();
        String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
        String reply = args.replyLength() > 0
                ? new String(line, args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
        int bodyLength = args.totalLength() - Math.max(0, args.headerLength());
        byte[] body = new byte[bodyLength];
        System.arraycopy(message.data(), message.dataOffset() + Math.max(0, args.headerLength()), body, 0, bodyLength);
        return new ApiRequest(subject, reply, body);
    }
}
