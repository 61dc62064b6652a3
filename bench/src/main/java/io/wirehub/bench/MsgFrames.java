package io.wirehub.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads MSG frames off a raw connection: just enough parsing for a raw responder to learn each
 * request's reply subject, and for a raw requester to wait for its reply. PING and +OK lines are
 * skipped; -ERR ends the run.
 */
final class MsgFrames {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    /** Unread bytes are buffer[start, end). */
    private int start;
    private int end;

    MsgFrames(InputStream in) {
        this.in = in;
    }

    /** Blocks until the next MSG arrived whole; returns its reply subject, or "" if it has none. */
    String next() throws IOException {
        while (true) {
            String reply = parseBuffered();
            if (reply != null) {
                return reply;
            }
            fill();
        }
    }

    /** Whether a whole MSG is already buffered, so {@link #next()} would not block. */
    boolean hasWholeFrame() throws IOException {
        int saved = start;
        String reply = parseBuffered();
        start = saved;
        return reply != null;
    }

    /** Parses one MSG at {@code start} and moves past it; null (nothing consumed) if incomplete. */
    private String parseBuffered() throws IOException {
        while (true) {
            int lineEnd = indexOfCrLf(start);
            if (lineEnd < 0) {
                return null;
            }
            String line = new String(buffer, start, lineEnd - start, StandardCharsets.US_ASCII);
            if (!line.startsWith("MSG ")) {
                if (line.startsWith("-ERR")) {
                    throw new IOException("server said: " + line);
                }
                start = lineEnd + 2; // PING, +OK, PONG: nothing to answer in a short run
                continue;
            }
            String[] parts = line.split(" ");
            int size = Integer.parseInt(parts[parts.length - 1]);
            int frameEnd = lineEnd + 2 + size + 2;
            if (frameEnd > end) {
                if (frameEnd - start > buffer.length) {
                    throw new IOException("a message larger than the raw reader's buffer: " + line);
                }
                return null;
            }
            start = frameEnd;
            return parts.length == 5 ? parts[3] : "";
        }
    }

    private int indexOfCrLf(int from) {
        for (int i = from; i + 1 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            throw new EOFException("connection closed");
        }
        end += n;
    }
}
