package io.wirehub.server.leaf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hub's stream: control lines up to CR LF, and payloads of a known size. Blocking, on
 * the link's reader thread only.
 */
final class HubInput {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final int maxLine;

    HubInput(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line without its CR LF. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= maxLine) {
                throw new LeafProtocolException("Maximum Control Line Exceeded");
            }
            line.append((char) (b & 0xff));
        }
    }

    /** Exactly {@code size} bytes followed by CR LF (which is checked and dropped). */
    byte[] readPayload(int size) throws IOException {
        byte[] data = new byte[size];
        int done = 0;
        while (done < size) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(size - done, limit - position);
            System.arraycopy(buffer, position, data, done, n);
            position += n;
            done += n;
        }
        for (byte expected : new byte[] {'\r', '\n'}) {
            if (position == limit) {
                fill();
            }
            if (buffer[position++] != expected) {
                throw new LeafProtocolException("Unknown Protocol Operation");
            }
        }
        return data;
    }

    /** Whether everything read from the socket so far has been consumed: the end of a batch. */
    boolean drained() throws IOException {
        return position == limit && in.available() == 0;
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("Client Closed");
        }
        position = 0;
        limit = n;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
