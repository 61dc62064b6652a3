package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.api.StreamConfig.TransformConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Nats-Stream-Source} header a sourced message carries, as nats-server 2.10 writes it:
 * {@code <origin> <origin seq> <filter> <destination>} ({@code >} for an empty side, several
 * transforms joined by form feeds). A stream reads it back after a restart to know where each
 * source stopped. Also the header edits a sourced message gets: the origin's own source header and
 * its {@code Nats-Expected-*} headers go, so nothing is checked or chained twice.
 */
final class SourceHeader {
    static final String NAME = "Nats-Stream-Source";
    private static final String EXPECTED_PREFIX = "Nats-Expected-";
    private static final byte[] EMPTY_BLOCK = "NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    /** nats-server's getHash alphabet (base 62). */
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SourceHeader() {
    }

    /** nats-server's composeIName: what identifies a source in the header and in the config. */
    static String indexName(StreamSource source) {
        String name = source.name();
        if (source.external() != null) {
            name = name + ":" + hash(source.external().apiPrefix());
        }
        String filter;
        String destination;
        if (source.subjectTransforms().isEmpty()) {
            filter = orAll(source.filterSubject());
            destination = ">";
        } else {
            List<String> sources = new ArrayList<>();
            List<String> destinations = new ArrayList<>();
            for (TransformConfig t : source.subjectTransforms()) {
                sources.add(orAll(t.source()));
                destinations.add(orAll(t.destination()));
            }
            filter = String.join("\f", sources);
            destination = String.join("\f", destinations);
        }
        return name + " " + filter + " " + destination;
    }

    /** The header's value for a message at {@code originSeq}. */
    static String value(String indexName, long originSeq) {
        String[] parts = indexName.split(" ", 3);
        return parts[0] + " " + Long.toUnsignedString(originSeq) + " " + parts[1] + " " + parts[2];
    }

    /** The index name and origin sequence in a header value; null for the pre-2.10 or a damaged form. */
    static Position parse(String value) {
        String[] fields = value.split(" ");
        if (fields.length < 4) {
            return null;
        }
        try {
            long seq = Long.parseUnsignedLong(fields[1]);
            return new Position(fields[0] + " " + fields[2] + " " + fields[3], seq);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where a source stopped: its index name and the last origin sequence taken. */
    record Position(String indexName, long originSeq) {
    }

    /**
     * The header block a sourced message is stored with: the origin's block without its
     * {@code Nats-Stream-Source} and {@code Nats-Expected-*} lines, plus the new source header.
     */
    static byte[] sourced(byte[] headers, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.length + 64);
        List<String> lines = headers.length == 0 ? List.of()
                : List.of(new String(headers, StandardCharsets.ISO_8859_1).split("\r\n", -1));
        if (lines.isEmpty()) {
            out.writeBytes(EMPTY_BLOCK);
        } else {
            out.writeBytes((lines.get(0) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty() || line.startsWith(EXPECTED_PREFIX) || line.startsWith(NAME + ":")) {
                    continue;
                }
                out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.writeBytes((NAME + ": " + value + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static String orAll(String subject) {
        return subject.isEmpty() ? ">" : subject;
    }

    /** nats-server's getHash: the first 8 bytes of the SHA-256, each mapped into base 62. */
    private static String hash(String name) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                b.append(DIGITS.charAt((sha[i] & 0xff) % DIGITS.length()));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
