package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.api.GoTime;
import io.wirehub.server.jetstream.api.JsApiException;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.api.StreamConfigJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file stream's directory, laid out as nats-server lays it out:
 * {@code <store_dir>/jetstream/<account>/streams/<name>/} with {@code meta.inf} (the config as
 * JSON plus {@code created}) and the store's {@code msgs/}. meta.inf is written to a temporary
 * file and moved into place, so a crash leaves the old or the new config, never half of one.
 */
final class StreamDirectory {
    static final String META = "meta.inf";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any config (thousands of subjects fit in a few hundred KiB); a larger file is damage. */
    static final long MAX_META_BYTES = 16L * 1024 * 1024;

    /** A config read back from meta.inf. */
    record Meta(StreamConfig config, Instant created) {
    }

    private StreamDirectory() {
    }

    static Path of(Path accountDir, String stream) {
        return accountDir.resolve("streams").resolve(stream);
    }

    static void writeMeta(Path dir, StreamConfig config, Instant created) throws IOException {
        Files.createDirectories(dir);
        ObjectNode meta = StreamConfigJson.write(config);
        meta.put("created", GoTime.format(created));
        Path tmp = dir.resolve(META + ".tmp");
        Files.write(tmp, StreamConfigJson.text(meta).getBytes(StandardCharsets.UTF_8));
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(META), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads meta.inf; throws IOException when it is missing, too long to be a config, or not one. */
    static Meta readMeta(Path dir) throws IOException {
        Path file = dir.resolve(META);
        long size = Files.size(file);
        if (size > MAX_META_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than the " + MAX_META_BYTES + " it can be");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            StreamConfig config = StreamConfigJson.parse(bytes);
            JsonNode created = JSON.readTree(bytes).get("created");
            Instant when = created == null || !created.isTextual() ? Instant.now()
                    : OffsetDateTime.parse(created.textValue()).toInstant();
            return new Meta(config, when);
        } catch (JsApiException | java.time.DateTimeException e) {
            throw new IOException("unreadable " + dir.resolve(META) + ": " + e.getMessage(), e);
        }
    }

    /** Removes a stream's directory and everything in it. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
