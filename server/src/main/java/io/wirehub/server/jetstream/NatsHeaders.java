package io.wirehub.server.jetstream;

import java.nio.charset.StandardCharsets;

/**
 * Reads one header of a stored or published header block as nats-server's sliceHeader does: the
 * first place the name occurs must follow a CRLF and be followed by ':'; the value runs, after any
 * spaces, to the next CRLF. Names match case-sensitively, as nats-server matches them.
 */
final class NatsHeaders {
    static final String MSG_ID = "Nats-Msg-Id";
    static final String EXPECTED_STREAM = "Nats-Expected-Stream";
    static final String EXPECTED_LAST_SEQ = "Nats-Expected-Last-Sequence";
    static final String EXPECTED_LAST_SUBJECT_SEQ = "Nats-Expected-Last-Subject-Sequence";
    static final String EXPECTED_LAST_MSG_ID = "Nats-Expected-Last-Msg-Id";
    static final String ROLLUP = "Nats-Rollup";

    private NatsHeaders() {
    }

    /** The header's value, or null when absent (an empty value is "", which callers treat as absent). */
    static String value(byte[] headers, String name) {
        if (headers.length == 0) {
            return null;
        }
        byte[] key = name.getBytes(StandardCharsets.US_ASCII);
        int index = indexOf(headers, key);
        if (index < 2 || headers[index - 1] != '\n' || headers[index - 2] != '\r') {
            return null;
        }
        int i = index + key.length;
        if (i >= headers.length || headers[i] != ':') {
            return null;
        }
        i++;
        while (i < headers.length && headers[i] == ' ') {
            i++;
        }
        int start = i;
        while (i < headers.length && !(headers[i] == '\r' && i + 1 < headers.length && headers[i + 1] == '\n')) {
            i++;
        }
        return new String(headers, start, i - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * A sequence header as nats-server parses it: digits only, else -1, which as an unsigned
     * number never matches a real sequence. Null when absent or empty.
     */
    static Long sequence(byte[] headers, String name) {
        String v = value(headers, name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1L;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static int indexOf(byte[] data, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= data.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (data[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
