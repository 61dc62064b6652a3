package io.wirehub.server.connection;

import io.wirehub.server.protocol.Ascii;
import io.wirehub.server.protocol.ProtocolLines;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;

/**
 * Writes MSG and HMSG lines, with their payloads, into an {@link OutboundQueue}, copying straight
 * from the publisher's buffers. Size digits are echoed as the publisher wrote them, as nats-server
 * does (a client that sends {@code 05} receives {@code 05}); only a size Wirehub computes itself
 * (headers stripped for a client without header support) is rendered.
 */
final class MessageEncoder {
    private MessageEncoder() {
    }

    /**
     * Queues one message for one subscription's sid. The caller holds the queue's lock, so the
     * message is never interleaved with another.
     *
     * @param receiverHeaders whether the receiving connection negotiated headers
     * @return the payload bytes counted as delivered (headers included when sent), or -1 when the
     *         queue refused the message (closed, or it would pass max_pending)
     */
    static int append(OutboundQueue queue, PublishedMessage m, byte[] sid, boolean receiverHeaders) {
        PublishArgs a = m.args();
        boolean withHeaders = m.hasHeaders() && receiverHeaders;
        boolean stripHeaders = m.hasHeaders() && !receiverHeaders;
        int bodyOffset = m.dataOffset() + (stripHeaders ? a.headerLength() : 0);
        int bodyLength = stripHeaders ? m.payloadLength() : a.totalLength();

        int lineLength = (withHeaders ? 5 : 4) + a.subjectLength() + 1 + sid.length + 1
                + (m.hasReply() ? a.replyLength() + 1 : 0)
                + (withHeaders ? a.headerSizeLength() + 1 : 0)
                + (stripHeaders ? Ascii.digits(bodyLength) : a.totalSizeLength())
                + 2;
        int size = lineLength + bodyLength + 2;
        if (!queue.reserve(size)) {
            return -1;
        }
        queue.put(withHeaders ? ProtocolLines.HMSG : ProtocolLines.MSG);
        queue.put(a.line(), a.subjectOffset(), a.subjectLength());
        queue.put((byte) ' ');
        queue.put(sid);
        queue.put((byte) ' ');
        if (m.hasReply()) {
            queue.put(a.line(), a.replyOffset(), a.replyLength());
            queue.put((byte) ' ');
        }
        if (withHeaders) {
            queue.put(a.line(), a.headerSizeOffset(), a.headerSizeLength());
            queue.put((byte) ' ');
        }
        if (stripHeaders) {
            queue.putDigits(bodyLength);
        } else {
            queue.put(a.line(), a.totalSizeOffset(), a.totalSizeLength());
        }
        queue.put(ProtocolLines.CRLF);
        queue.put(m.data(), bodyOffset, bodyLength);
        queue.put(ProtocolLines.CRLF);
        return bodyLength;
    }
}
