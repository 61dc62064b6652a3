package io.wirehub.client.stream;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The writing end of an ordered byte stream over NATS: an {@link OutputStream} whose bytes reach
 * one {@link StreamReader} in order, or fail loudly. Bytes go out in chunks; at most
 * {@code window} chunks may be ahead of what the reader has consumed, so a slow reader blocks
 * {@link #write} instead of losing data. Chunks are kept until the reader's credit covers them and
 * sent again after a gap report or a silent timeout; {@link #close()} returns only once the reader
 * has confirmed the byte count and SHA-256 of the whole stream.
 *
 * <p>Not thread-safe: one thread writes.
 */
public final class StreamWriter extends OutputStream {
    private final Connection nc;
    private final StreamOptions options;
    private final String dataInbox;
    private final Subscription credits;
    private final MessageDigest digest;
    /** Chunks sent and not yet consumed by the reader, oldest first; their sequence is acked+1... */
    private final ArrayDeque<byte[]> unacked = new ArrayDeque<>();
    private final byte[] pending;
    private int pendingLength;
    private long acked;
    private long nextSeq = 1;
    private long bytes;
    private boolean closed;

    private StreamWriter(Connection nc, StreamOptions options, String dataInbox, Subscription credits) {
        this.nc = nc;
        this.options = options;
        this.dataInbox = dataInbox;
        this.credits = credits;
        this.pending = new byte[options.chunkSize()];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds the reader waiting on {@code subject} and opens the stream to it.
     *
     * @throws IOException when no reader answers within the retries
     */
    public static StreamWriter open(Connection nc, String subject, StreamOptions options) throws IOException {
        String creditInbox = nc.createInbox();
        Subscription credits = nc.subscribe(creditInbox);
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("credit", creditInbox);
        open.put("chunk_size", options.chunkSize());
        for (int attempt = 1; attempt <= StreamOptions.MAX_RETRIES; attempt++) {
            try {
                Message reply = nc.requestWithTimeout(subject, StreamProtocol.json(open), options.timeout())
                        .get(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                JsonValue answer = StreamProtocol.parse(reply);
                String dataInbox = JsonValueUtils.readString(answer, "data");
                int window = JsonValueUtils.readInteger(answer, "window", options.window());
                if (dataInbox == null) {
                    throw new IOException("the reader on " + subject + " gave no data inbox");
                }
                return new StreamWriter(nc, options.withChunks(options.chunkSize(), Math.min(window, options.window())),
                        dataInbox, credits);
            } catch (CancellationException | TimeoutException | ExecutionException e) {
                pause(attempt); // no reader yet (no responders), or a lost request: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening the stream");
            }
        }
        credits.unsubscribe();
        throw new IOException("no reader on \"" + subject + "\" (start `wirehub stream sub " + subject + "` first)");
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(1000, 100L << attempt)); // a reader starting up: give it a moment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        while (length > 0) {
            int n = Math.min(length, pending.length - pendingLength);
            System.arraycopy(data, offset, pending, pendingLength, n);
            pendingLength += n;
            offset += n;
            length -= n;
            if (pendingLength == pending.length) {
                sendPending();
            }
        }
    }

    /** Sends what is buffered as a (short) chunk; the reader still sees one ordered stream. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (pendingLength > 0) {
            sendPending();
        }
    }

    private void sendPending() throws IOException {
        while (nextSeq - 1 - acked >= options.window()) {
            awaitCredit(); // the reader is behind: wait rather than run ahead of it
        }
        byte[] chunk = Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        digest.update(chunk);
        bytes += chunk.length;
        unacked.add(chunk);
        publish(nextSeq++, chunk);
    }

    private void publish(long seq, byte[] chunk) {
        Headers headers = new Headers().add(StreamProtocol.HEADER_KIND, StreamProtocol.KIND_DATA)
                .add(StreamProtocol.HEADER_SEQ, Long.toString(seq));
        nc.publish(dataInbox, headers, chunk);
    }

    /** Waits for credit; after a gap report or a silent timeout, sends the unconsumed chunks again. */
    private void awaitCredit() throws IOException {
        for (int attempt = 1; attempt <= StreamOptions.MAX_RETRIES; attempt++) {
            Message credit;
            try {
                credit = credits.nextMessage(options.timeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the reader");
            }
            if (credit != null) {
                JsonValue value = StreamProtocol.parse(credit);
                String error = JsonValueUtils.readString(value, "error");
                if (error != null) {
                    throw new IOException("the reader failed: " + error);
                }
                long consumed = JsonValueUtils.readLong(value, "acked", acked);
                advance(consumed);
                if (JsonValueUtils.readBoolean(value, "gap", false)) {
                    resend();
                }
                return;
            }
            resend(); // nothing heard: a chunk or a credit may have been lost
        }
        throw new IOException("the reader stopped acknowledging (" + acked + " of " + (nextSeq - 1)
                + " chunks consumed)");
    }

    private void advance(long consumed) {
        while (acked < consumed && !unacked.isEmpty()) {
            unacked.poll();
            acked++;
        }
    }

    private void resend() {
        long seq = acked + 1;
        for (byte[] chunk : unacked) {
            publish(seq++, chunk);
        }
    }

    /** Sends the end and waits for the reader to confirm the whole stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("last", nextSeq - 1);
        end.put("bytes", bytes);
        end.put("sha256", HexFormat.of().formatHex(digest.digest()));
        Headers headers = new Headers().add(StreamProtocol.HEADER_KIND, StreamProtocol.KIND_END);
        try {
            for (int attempt = 1; attempt <= StreamOptions.MAX_RETRIES * 2; attempt++) {
                Message reply;
                try {
                    reply = nc.request(dataInbox, headers, StreamProtocol.json(end), options.timeout());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while ending the stream");
                }
                if (reply == null || reply.isStatusMessage()) {
                    resend();
                    continue;
                }
                JsonValue answer = StreamProtocol.parse(reply);
                String error = JsonValueUtils.readString(answer, "error");
                if (error != null) {
                    throw new IOException("the reader refused the stream: " + error);
                }
                if (JsonValueUtils.readBoolean(answer, "ok", false)) {
                    return;
                }
                advance(JsonValueUtils.readLong(answer, "acked", acked));
                resend(); // the reader is missing chunks: send them, then the end again
            }
            throw new IOException("the reader did not confirm the end of the stream");
        } finally {
            credits.unsubscribe();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /** Chunks sent and not yet consumed by the reader: never more than the window. */
    public int inFlight() {
        return unacked.size();
    }
}
