package io.wirehub.server.connection;

import io.wirehub.server.protocol.Ascii;
import io.wirehub.server.protocol.ProtocolLines;
import io.wirehub.server.routing.PublishedMessage;

/**
 * Writes MSG and HMSG lines, with their payloads, into an {@link OutboundQueue}, copying straight
 * from the publisher's buffers. Size digits are echoed as the publisher wrote them, as nats-server
 * does; only a size it computes (headers stripped for a client without header support) is
 * rendered.
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
        boolean withHeaders = m.hasHeaders() && receiverHeaders;
        boolean stripHeaders = m.hasHeaders() && !receiverHeaders;
        int bodyOffset = m.dataOffset() + (stripHeaders ? m.headerLength() : 0);
        int bodyLength = stripHeaders ? m.payloadLength() : m.totalLength();

        int lineLength = (withHeaders ? 5 : 4) + m.subjectLength() + 1 + sid.length + 1
                + (m.hasReply() ? m.replyLength() + 1 : 0)
                + (withHeaders ? headerDigits(m) + 1 : 0)
                + (stripHeaders ? Ascii.digits(bodyLength) : totalDigits(m))
                + 2;
        int size = lineLength + bodyLength + 2;
        if (!queue.reserve(size)) {
            return -1;
        }
        queue.put(withHeaders ? ProtocolLines.HMSG : ProtocolLines.MSG);
        queue.put(m.line(), m.subjectOffset(), m.subjectLength());
        queue.put((byte) ' ');
        queue.put(sid);
        queue.put((byte) ' ');
        if (m.hasReply()) {
            queue.put(m.line(), m.replyOffset(), m.replyLength());
            queue.put((byte) ' ');
        }
        if (withHeaders) {
            putHeaderDigits(queue, m);
            queue.put((byte) ' ');
        }
        if (stripHeaders) {
            queue.putDigits(bodyLength);
        } else {
            putTotalDigits(queue, m);
        }
        queue.put(ProtocolLines.CRLF);
        queue.put(m.data(), bodyOffset, bodyLength);
        queue.put(ProtocolLines.CRLF);
        return bodyLength;
    }

    private static int headerDigits(PublishedMessage m) {
        return m.headerSizeLength() >= 0 ? m.headerSizeLength() : Ascii.digits(m.headerLength());
    }

    private static int totalDigits(PublishedMessage m) {
        return m.totalSizeLength() >= 0 ? m.totalSizeLength() : Ascii.digits(m.totalLength());
    }

    private static void putHeaderDigits(OutboundQueue queue, PublishedMessage m) {
        if (m.headerSizeLength() >= 0) {
            queue.put(m.line(), m.headerSizeOffset(), m.headerSizeLength());
        } else {
            queue.putDigits(m.headerLength());
        }
    }

    private static void putTotalDigits(OutboundQueue queue, PublishedMessage m) {
        if (m.totalSizeLength() >= 0) {
            queue.put(m.line(), m.totalSizeOffset(), m.totalSizeLength());
        } else {
            queue.putDigits(m.totalLength());
        }
    }
}
