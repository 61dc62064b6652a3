package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.api.ConsumerConfig;
import io.wirehub.server.jetstream.api.ConsumerConfigJson;
import io.wirehub.server.jetstream.api.GoTime;
import io.wirehub.server.jetstream.api.JsApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable consumer of a file stream on disk, in {@code <stream dir>/obs/<name>/} as nats-server
 * keeps it: {@code meta.inf} (config and creation time, JSON) and {@code o.dat} (delivery state).
 * Each file is written to a temporary file and moved into place, so a kill -9 leaves the old or
 * the new one, whole; once written, the state survives a kill of the server (not a power loss:
 * it is not fsynced, as nats-server's is not between its sync intervals).
 *
 * <p>Public only for {@link #read}, so the fuzz target can feed it damaged files.
 */
public final class ConsumerStateFile {
    public static final String META = "meta.inf";
    public static final String STATE = "o.dat";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A consumer's config is a few kilobytes; anything much larger was not written by a server. */
    static final long MAX_META_BYTES = 1024 * 1024;
    /** Room for about two million pending messages; a larger o.dat is damage, not state. */
    static final long MAX_STATE_BYTES = 32L * 1024 * 1024;

    /** What a consumer must know again after a restart. */
    public record Snapshot(long nextStreamSeq, long nextConsumerSeq, long deliveredConsumer, long deliveredStream,
                    long ackFloorConsumer, long ackFloorStream, List<long[]> pending) {
    }

    /**
     * A consumer found on disk.
     *
     * @param state null when there is no o.dat, or when it is damaged
     * @param stateProblem why o.dat was not used, null when it was (or there was none)
     */
    public record Recovered(ConsumerConfig config, Instant created, Snapshot state, String stateProblem) {
    }

    private final Path dir;

    ConsumerStateFile(Path dir) {
        this.dir = dir;
    }

    void writeMeta(ConsumerConfig config, Instant created) throws IOException {
        Files.createDirectories(dir);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("created", GoTime.format(created));
        meta.set("config", ConsumerConfigJson.write(config));
        replace(META, JSON.writeValueAsBytes(meta));
    }

    void writeState(Snapshot s) throws IOException {
        StringBuilder text = new StringBuilder(64 + s.pending().size() * 24);
        text.append("v1 ").append(s.nextStreamSeq()).append(' ').append(s.nextConsumerSeq()).append(' ')
                .append(s.deliveredConsumer()).append(' ').append(s.deliveredStream()).append(' ')
                .append(s.ackFloorConsumer()).append(' ').append(s.ackFloorStream()).append('\n');
        for (long[] p : s.pending()) {
            text.append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
        }
        replace(STATE, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void replace(String name, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a consumer back. A meta.inf that is missing, too long or not a config throws
     * IOException (without a config there is no consumer). A damaged o.dat does not: the consumer
     * comes back at its configured start, with {@link Recovered#stateProblem()} saying why, and
     * redelivers rather than being lost.
     */
    public static Recovered read(Path dir) throws IOException {
        byte[] metaBytes = readBounded(dir.resolve(META), MAX_META_BYTES);
        ConsumerConfig config;
        Instant created;
        try {
            JsonNode meta = JSON.readTree(metaBytes);
            JsonNode configNode = meta == null ? null : meta.get("config");
            if (configNode == null || !configNode.isObject()) {
                throw new IOException("no consumer config in " + dir.resolve(META));
            }
            config = ConsumerConfigJson.parse(JSON.writeValueAsBytes(configNode));
            JsonNode createdNode = meta.get("created");
            created = createdNode == null || !createdNode.isTextual() ? Instant.now()
                    : OffsetDateTime.parse(createdNode.textValue()).toInstant();
        } catch (JsApiException | DateTimeException e) {
            throw new IOException("bad consumer config in " + dir + ": " + e.getMessage(), e);
        }
        Path stateFile = dir.resolve(STATE);
        if (!Files.exists(stateFile)) {
            return new Recovered(config, created, null, null);
        }
        try {
            return new Recovered(config, created, parseState(readBounded(stateFile, MAX_STATE_BYTES),
                    config.maxAckPending()), null);
        } catch (IOException e) {
            return new Recovered(config, created, null, e.getMessage());
        }
    }

    /**
     * Parses o.dat, trusting nothing in it: the header has its seven fields, every number is a
     * non-negative decimal that fits a long, every pending line names a sequence from 1 with at
     * least one delivery, and there are no more pending lines than max_ack_pending allows.
     */
    static Snapshot parseState(byte[] bytes, long maxAckPending) throws IOException {
        for (byte b : bytes) {
            if (b != '\n' && b != ' ' && (b < '0' || b > '9') && b != 'v') {
                throw new IOException("o.dat holds a byte that is not part of the format: " + (b & 0xFF));
            }
        }
        // -1: keep empty lines, so a file of only newlines still has a (bad) first line.
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n", -1);
        String[] h = lines[0].split(" ", -1);
        if (h.length != 7 || !h[0].equals("v1")) {
            throw new IOException("o.dat has no v1 header");
        }
        long[] header = new long[6];
        for (int i = 0; i < 6; i++) {
            header[i] = number(h[i + 1]);
        }
        List<long[]> pending = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] p = lines[i].split(" ", -1);
            if (p.length != 3) {
                throw new IOException("o.dat line " + (i + 1) + " is not a pending message");
            }
            long[] entry = {number(p[0]), number(p[1]), number(p[2])};
            if (entry[0] < 1 || entry[2] < 1) {
                throw new IOException("o.dat line " + (i + 1) + " names sequence " + entry[0] + " with "
                        + entry[2] + " deliveries");
            }
            pending.add(entry);
            if (maxAckPending > 0 && pending.size() > maxAckPending) {
                throw new IOException("o.dat holds more pending messages than max_ack_pending " + maxAckPending);
            }
        }
        return new Snapshot(header[0], header[1], header[2], header[3], header[4], header[5], pending);
    }

    private static long number(String text) throws IOException {
        if (text.isEmpty() || text.length() > 19) {
            throw new IOException("o.dat holds a bad number '" + text + "'");
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IOException("o.dat holds a negative number " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("o.dat holds a bad number '" + text + "'", e);
        }
    }

    /** A file's bytes, refusing one longer than {@code max} before reading it. */
    private static byte[] readBounded(Path file, long max) throws IOException {
        long size = Files.size(file);
        if (size > max) {
            throw new IOException(file + " is " + size + " bytes, more than the " + max + " it can be");
        }
        return Files.readAllBytes(file);
    }

    void delete() throws IOException {
        StreamDirectory.delete(dir);
    }
}
