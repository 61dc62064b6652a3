package io.wirehub.client.stream;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reading end of an ordered byte stream: waits on a subject for one {@link StreamWriter},
 * then copies its bytes, in order, to an OutputStream. Nothing is buffered beyond one chunk: a
 * chunk is written when it is the next one, its credit goes back to the writer only after the
 * write returned, so a slow output holds the writer back. A chunk from further ahead (one was
 * lost) is dropped and reported as a gap; a repeated one is ignored. The stream ends only when
 * the writer's END matches the bytes written and their SHA-256.
 */
public final class StreamReader {
    private StreamReader() {
    }

    /** The verified end of a stream. */
    public record Result(long bytes, String sha256, long chunks) {
    }

    /**
     * Waits for a writer on {@code subject} (up to the idle timeout) and copies its stream to {@code out}.
     *
     * @throws IOException when no writer comes, the writer goes silent, or the end does not match
     */
    public static Result copy(Connection nc, String subject, OutputStream out, StreamOptions options) throws IOException {
        Subscription rendezvous = nc.subscribe(subject, StreamProtocol.QUEUE);
        String dataInbox = nc.createInbox();
        Subscription data = nc.subscribe(dataInbox);
        try {
            flush(nc, options.timeout());
            Message open = next(rendezvous, options.idleTimeout());
            if (open == null) {
                throw new IOException("no writer on \"" + subject + "\" within " + options.idleTimeout().toSeconds() + " s");
            }
            String creditInbox = JsonValueUtils.readString(StreamProtocol.parse(open), "credit");
            if (creditInbox == null || open.getReplyTo() == null) {
                throw new IOException("a malformed stream OPEN on \"" + subject + "\"");
            }
            rendezvous.unsubscribe(); // one writer per reader: later writers find the next reader
            Map<String, Object> accept = new LinkedHashMap<>();
            accept.put("data", dataInbox);
            accept.put("window", options.window());
            nc.publish(open.getReplyTo(), StreamProtocol.json(accept));
            return new Copy(nc, data, creditInbox, out, options).run();
        } finally {
            if (rendezvous.isActive()) {
                rendezvous.unsubscribe();
            }
            data.unsubscribe();
        }
    }

    private static void flush(Connection nc, Duration timeout) throws IOException {
        try {
            nc.flush(timeout);
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IOException("the server did not confirm the subscription: " + e.getMessage(), e);
        }
    }

    private static Message next(Subscription sub, Duration timeout) throws IOException {
        try {
            return sub.nextMessage(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** One stream being copied; confined to the calling thread. */
    private static final class Copy {
        private final Connection nc;
        private final Subscription data;
        private final String creditInbox;
        private final OutputStream out;
        private final StreamOptions options;
        private final MessageDigest digest;
        private long expected = 1;
        private long bytes;
        /** The sequence a gap was last reported for, so one loss is reported once, not once per chunk after it. */
        private long gapReportedAt;

        Copy(Connection nc, Subscription data, String creditInbox, OutputStream out, StreamOptions options) {
            this.nc = nc;
            this.data = data;
            this.creditInbox = creditInbox;
            this.out = out;
            this.options = options;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Result run() throws IOException {
            while (true) {
                Message message = next(data, options.idleTimeout());
                if (message == null) {
                    throw new IOException("the writer went silent after " + bytes + " bytes (no data for "
                            + options.idleTimeout().toSeconds() + " s)");
                }
                if (StreamProtocol.KIND_END.equals(StreamProtocol.kind(message))) {
                    Result done = end(message);
                    if (done != null) {
                        return done;
                    }
                    continue;
                }
                long seq = StreamProtocol.seq(message);
                if (seq == expected) {
                    write(message.getData());
                } else if (seq > expected && gapReportedAt != expected) {
                    gapReportedAt = expected;
                    credit(true);
                }
                // seq < expected: a chunk sent again after we had it; already written.
            }
        }

        private void write(byte[] chunk) throws IOException {
            try {
                out.write(chunk);
            } catch (IOException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("error", "the reader's output failed: " + e.getMessage());
                nc.publish(creditInbox, StreamProtocol.json(error));
                throw e;
            }
            digest.update(chunk);
            bytes += chunk.length;
            expected++;
            credit(false);
        }

        private void credit(boolean gap) {
            Map<String, Object> credit = new LinkedHashMap<>();
            credit.put("acked", expected - 1);
            if (gap) {
                credit.put("gap", true);
            }
            nc.publish(creditInbox, StreamProtocol.json(credit));
        }

        /** Answers END: done when everything up to it arrived and matches, else where to resend from. */
        private Result end(Message message) throws IOException {
            JsonValue end = StreamProtocol.parse(message);
            long last = JsonValueUtils.readLong(end, "last", -1);
            Map<String, Object> reply = new LinkedHashMap<>();
            if (last != expected - 1) {
                reply.put("acked", expected - 1);
                nc.publish(message.getReplyTo(), StreamProtocol.json(reply));
                return null;
            }
            out.flush();
            String sha256 = HexFormat.of().formatHex(digest.digest());
            long declared = JsonValueUtils.readLong(end, "bytes", -1);
            String declaredSha = JsonValueUtils.readString(end, "sha256");
            if (declared != bytes || !sha256.equalsIgnoreCase(String.valueOf(declaredSha))) {
                reply.put("error", "received " + bytes + " bytes with SHA-256 " + sha256 + ", the writer sent "
                        + declared + " bytes with SHA-256 " + declaredSha);
                nc.publish(message.getReplyTo(), StreamProtocol.json(reply));
                throw new IOException(String.valueOf(reply.get("error")));
            }
            reply.put("ok", true);
            nc.publish(message.getReplyTo(), StreamProtocol.json(reply));
            flush(nc, options.timeout());
            return new Result(bytes, sha256, expected - 1);
        }
    }
}
