package io.wirehub.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes each operation the parser reports as one readable line, for comparing parses. */
class RecordingHandler implements OpHandler {
    final List<String> events = new ArrayList<>();

    private static String text(byte[] buf, int offset, int length) {
        return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void onConnect(byte[] buf, int offset, int length) {
        events.add("CONNECT " + text(buf, offset, length));
    }

    @Override
    public void onPublish(PublishArgs a, byte[] data, int dataOffset) {
        StringBuilder sb = new StringBuilder(a.isHeaderPublish() ? "HPUB " : "PUB ");
        sb.append(text(a.line(), a.subjectOffset(), a.subjectLength()));
        if (a.replyLength() >= 0) {
            sb.append(" reply=").append(text(a.line(), a.replyOffset(), a.replyLength()));
        }
        if (a.isHeaderPublish()) {
            sb.append(" hdr=").append(text(a.line(), a.headerSizeOffset(), a.headerSizeLength()));
        }
        sb.append(" size=").append(text(a.line(), a.totalSizeOffset(), a.totalSizeLength()));
        sb.append(" [").append(text(data, dataOffset, a.totalLength())).append(']');
        events.add(sb.toString());
    }

    @Override
    public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                            int sidOffset, int sidLength) {
        events.add("SUB " + text(line, subjectOffset, subjectLength)
                + (queueLength >= 0 ? " queue=" + text(line, queueOffset, queueLength) : "")
                + " sid=" + text(line, sidOffset, sidLength));
    }

    @Override
    public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages) {
        events.add("UNSUB sid=" + text(line, sidOffset, sidLength) + " max=" + maxMessages);
    }

    @Override
    public void onPing() {
        events.add("PING");
    }

    @Override
    public void onPong() {
        events.add("PONG");
    }

    @Override
    public void onInfo(byte[] buf, int offset, int length) {
        events.add("INFO " + text(buf, offset, length));
    }

    @Override
    public void onClientError(byte[] buf, int offset, int length) {
        events.add("-ERR " + text(buf, offset, length));
    }
}
