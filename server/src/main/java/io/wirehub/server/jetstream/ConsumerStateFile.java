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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable consumer of a file stream on disk, in {@code <stream dir>/obs/<name>/} as nats-server
 * keeps it: {@code meta.inf} (config and creation time, JSON) and {@code o.dat} (delivery state).
 * Each file is written to a temporary file and moved into place, so a kill -9 leaves the old or
 * the new one, whole; once written, the state survives a kill of the server (not a power loss:
 * it is not fsynced, as nats-server's is not between its sync intervals).
 */
final class ConsumerStateFile {
    static final String META = "meta.inf";
    static final String STATE = "o.dat";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a consumer must know again after a restart. */
    record Snapshot(long nextStreamSeq, long nextConsumerSeq, long deliveredConsumer, long deliveredStream,
                    long ackFloorConsumer, long ackFloorStream, List<long[]> pending) {
    }

    /** A consumer found on disk. */
    record Recovered(ConsumerConfig config, Instant created, Snapshot state) {
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

    static Recovered read(Path dir) throws IOException {
        JsonNode meta = JSON.readTree(Files.readAllBytes(dir.resolve(META)));
        ConsumerConfig config;
        try {
            config = ConsumerConfigJson.parse(JSON.writeValueAsBytes(meta.get("config")));
        } catch (JsApiException e) {
            throw new IOException("bad consumer config in " + dir + ": " + e.getMessage());
        }
        Instant created = java.time.OffsetDateTime.parse(meta.get("created").asText()).toInstant();
        Snapshot state = null;
        Path stateFile = dir.resolve(STATE);
        if (Files.exists(stateFile)) {
            List<String> lines = Files.readAllLines(stateFile, StandardCharsets.US_ASCII);
            if (!lines.isEmpty() && lines.get(0).startsWith("v1 ")) {
                String[] h = lines.get(0).split(" ");
                List<long[]> pending = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] p = line.split(" ");
                    if (p.length == 3) {
                        pending.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])});
                    }
                }
                state = new Snapshot(Long.parseLong(h[1]), Long.parseLong(h[2]), Long.parseLong(h[3]),
                        Long.parseLong(h[4]), Long.parseLong(h[5]), Long.parseLong(h[6]), pending);
            }
        }
        return new Recovered(config, created, state);
    }

    void delete() throws IOException {
        StreamDirectory.delete(dir);
    }
}
