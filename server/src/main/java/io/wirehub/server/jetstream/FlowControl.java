package io.wirehub.server.jetstream;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A push consumer's flow control, as nats-server runs it: bytes sent are counted; past half the
 * window a {@code 100 FlowControl Request} goes out with a {@code $JS.FC.<s>.<c>.<id>} reply, and
 * past the whole window delivery stops until the client answers that subject (empty message).
 * Each answer doubles the window, from 2 MiB up to 32 MiB. Only the latest request counts.
 * Not thread-safe: the consumer's lock guards it.
 */
final class FlowControl {
    static final long START_WINDOW = 2L << 20;
    static final long WINDOW_LIMIT = 32L << 20;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String replyPrefix;
    private long sentBytes;
    private long window = START_WINDOW;
    private long bytesAtRequest;
    private String openRequest;

    /** @param replyPrefix {@code $JS.FC.<stream>.<consumer>.} */
    FlowControl(String replyPrefix) {
        this.replyPrefix = replyPrefix;
    }

    /** Whether delivery must wait for the client's answer. */
    boolean stalled() {
        return sentBytes > window;
    }

    /** Counts a delivery; returns the reply subject of a flow-control request to send now, or null. */
    String sent(long bytes) {
        sentBytes += bytes;
        if (openRequest == null && sentBytes > window / 2) {
            StringBuilder id = new StringBuilder(replyPrefix);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 4; i++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            openRequest = id.toString();
            bytesAtRequest = sentBytes;
            return openRequest;
        }
        return null;
    }

    /** The reply subject still waiting for an answer (shown in heartbeats as stalled), or null. */
    String openRequest() {
        return openRequest;
    }

    /** The client answered {@code subject}; only the latest request counts. */
    void answered(String subject) {
        if (!subject.equals(openRequest)) {
            return;
        }
        window = Math.min(WINDOW_LIMIT, window * 2);
        sentBytes = Math.max(0, sentBytes - bytesAtRequest);
        bytesAtRequest = 0;
        openRequest = null;
    }
}
