package io.wirehub.server.jetstream;

import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import java.nio.charset.StandardCharsets;

/**
 * A {@code $JS.API} request copied out of the publisher's buffers (reused as soon as delivery
 * returns): subject, reply subject (null for none), the payload without headers, and the
 * publishing client's id (0 for a publisher inside the server or a link) for the audit advisory.
 */
record ApiRequest(String subject, String reply, byte[] body, long clientId) {

    static ApiRequest copyOf(PublishedMessage message) {
        PublishArgs args = message.args();
        byte[] line = args.line();
        String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
        String reply = args.replyLength() > 0
                ? new String(line, args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
        int bodyLength = args.totalLength() - Math.max(0, args.headerLength());
        byte[] body = new byte[bodyLength];
        System.arraycopy(message.data(), message.dataOffset() + Math.max(0, args.headerLength()), body, 0, bodyLength);
        long clientId = message.publisher() == null ? 0 : message.publisher().clientId();
        return new ApiRequest(subject, reply, body, clientId);
    }
}
