package io.wirehub.server.jetstream;

import java.nio.charset.StandardCharsets;

/**
 * The header blocks of the status messages a consumer sends, byte for byte as nats-server writes
 * them (sent with an empty payload).
 */
final class ConsumerStatus {
    private static final String PENDING = "Nats-Pending-Messages: %d\r\nNats-Pending-Bytes: %d\r\n\r\n";

    private ConsumerStatus() {
    }

    static byte[] simple(int code, String description) {
        return ("NATS/1.0 " + code + " " + description + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withPending(int code, String description, long messages, long bytes) {
        return ("NATS/1.0 " + code + " " + description + "\r\n" + String.format(PENDING, messages, bytes))
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] requestTimeout(PullRequest r) {
        return withPending(408, "Request Timeout", r.remaining, r.bytesLeft);
    }

    static byte[] idleHeartbeat(long lastConsumerSeq, long lastStreamSeq, String stalledFlowControl) {
        String text = "NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: " + lastConsumerSeq
                + "\r\nNats-Last-Stream: " + lastStreamSeq + "\r\n";
        if (stalledFlowControl != null) {
            text += "Nats-Consumer-Stalled: " + stalledFlowControl + "\r\n";
        }
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] flowControlRequest() {
        return simple(100, "FlowControl Request");
    }
}
