package io.wirehub.server.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.config.FilesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files on disk. Stored files sit under their own names in the store directory; the
 * service's state lives beside them in {@code .wirehub/}: {@code meta/NAME.json} (size, SHA-256,
 * chunk size) and {@code meta/NAME.sums} (chunk digests, {@link ChunkDigests}) for each stored
 * file, and {@code uploads/ID.part} with {@code ID.json} and {@code ID.sums} for each upload in
 * progress. A file appears under its name only by an atomic rename after its digest matched, so a
 * half-written file is never visible as the real thing.
 *
 * <p>Quota: stored files plus the declared size of every upload in progress must fit in
 * max_store_size, so a full store refuses an upload before any byte is written. The disk is
 * checked the same way: an upload whose remaining bytes, with those still owed to the other open
 * uploads, exceed the disk's usable space is refused up front. When the disk fills anyway (other
 * programs write to it too), the upload that met the full disk is discarded whole
 * ({@link #discard}): a part file left behind would hold on to the space and fail every later put.
 *
 * <p>Confined to the file service's worker thread: no locks.
 */
final class FileStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final FilesConfig config;
    private final Path root;
    private final Path meta;
    private final Path uploads;
    /** Uploads opened since start, by id. */
    private final Map<String, Upload> open = new HashMap<>();
    /** Stored files described so far, by name: a download asks about its file once per chunk. */
    private final Map<String, FileInfo> described = new HashMap<>();
    /** Serves downloads' chunks. */
    private final ChunkReader reader;
    /** Bytes of stored files, and declared bytes of uploads in progress. */
    private long usedBytes;

    FileStore(FilesConfig config) throws IOException {
        this.config = config;
        this.root = config.directory().toAbsolutePath().normalize();
        this.meta = root.resolve(".wirehub/meta");
        this.uploads = root.resolve(".wirehub/uploads");
        this.reader = new ChunkReader(root, meta);
        Files.createDirectories(meta);
        Files.createDirectories(uploads);
        this.usedBytes = countUsed();
    }

    Path root() {
        return root;
    }

    long usedBytes() {
        return usedBytes;
    }

    private long countUsed() throws IOException {
        long used = 0;
        for (FileInfo info : list()) {
            used += info.size();
        }
        try (DirectoryStream<Path> states = Files.newDirectoryStream(uploads, "*.json")) {
            for (Path state : states) {
                used += JSON.readTree(state.toFile()).path("size").asLong();
            }
        }
        return used;
    }

    /** Starts an upload, or resumes the one with the same name, size and digest. */
    Upload begin(String name, long size, String sha256) throws FileServiceException, IOException {
        FileNames.check(name);
        if (size < 0) {
            throw new FileServiceException("size cannot be negative");
        }
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new FileServiceException("sha256 must be 64 hex digits");
        }
        String id = uploadId(name, size, sha256.toLowerCase(Locale.ROOT));
        Upload existing = open.get(id);
        if (existing != null) {
            return existing;
        }
        Path state = uploads.resolve(id + ".json");
        boolean resumed = Files.exists(state);
        if (!resumed) {
            if (size > config.maxFileSize()) {
                throw new FileServiceException("file too large: " + size + " bytes, the limit is " + config.maxFileSize());
            }
            long free = config.maxStoreSize() - usedBytes;
            if (size > free) {
                throw new FileServiceException("store full: " + name + " needs " + size + " bytes, " + Math.max(0, free)
                        + " of " + config.maxStoreSize() + " are free");
            }
            checkDiskSpace(name, size);
            ObjectNode json = JSON.createObjectNode().put("name", name).put("size", size)
                    .put("sha256", sha256.toLowerCase(Locale.ROOT)).put("chunk_size", config.chunkSize());
            Files.writeString(state, JSON.writeValueAsString(json));
            usedBytes += size;
        }
        int chunkSize = resumed ? JSON.readTree(state.toFile()).path("chunk_size").asInt(config.chunkSize())
                : config.chunkSize();
        Upload upload = Upload.open(id, name, size, sha256.toLowerCase(Locale.ROOT), chunkSize,
                uploads.resolve(id + ".part"));
        open.put(id, upload);
        return upload;
    }

    /**
     * Refuses an upload the disk cannot hold: what it still needs, plus what the open uploads
     * still owe, must fit in the file system's usable space.
     */
    private void checkDiskSpace(String name, long needed) throws FileServiceException, IOException {
        long owed = 0;
        for (Upload upload : open.values()) {
            owed += upload.remainingBytes();
        }
        long usable = Files.getFileStore(uploads).getUsableSpace() - owed;
        if (needed > usable) {
            throw new FileServiceException("disk full: " + name + " needs " + needed + " bytes, the disk holding the "
                    + "store has " + Math.max(0, usable) + " free");
        }
    }

    /**
     * Drops an upload and its files: used when the disk filled under it, so the space its part
     * file took is given back at once.
     *
     * @return the bytes of part file freed
     */
    long discard(Upload upload) throws IOException {
        upload.close();
        open.remove(upload.id());
        long freed = Files.exists(upload.part()) ? Files.size(upload.part()) : 0;
        Files.deleteIfExists(upload.part());
        Files.deleteIfExists(upload.digestsFile());
        Files.deleteIfExists(uploads.resolve(upload.id() + ".json"));
        usedBytes -= upload.size();
        return freed;
    }

    /** Whether an I/O failure means the disk (or the user's disk quota) is full. */
    static boolean outOfSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    Upload upload(String id) throws FileServiceException {
        Upload upload = open.get(id);
        if (upload == null) {
            throw new FileServiceException("no upload " + id + " in progress (start it again with PUT)");
        }
        return upload;
    }

    /** Checks the whole digest and renames the part file into place; a mismatch discards the upload. */
    FileInfo commit(Upload upload) throws FileServiceException, IOException {
        if (!upload.complete()) {
            throw new FileServiceException("upload of " + upload.name() + " is incomplete: chunk " + upload.nextChunk()
                    + " of " + upload.chunks() + " is next");
        }
        String received = upload.receivedSha256();
        try {
            if (received.equals(upload.sha256())) {
                upload.force(); // on disk before the name points at it
            }
        } finally {
            upload.close();
        }
        open.remove(upload.id());
        Path state = uploads.resolve(upload.id() + ".json");
        if (!received.equals(upload.sha256())) {
            Files.deleteIfExists(upload.part());
            Files.deleteIfExists(upload.digestsFile());
            Files.deleteIfExists(state);
            usedBytes -= upload.size();
            throw new FileServiceException("SHA-256 mismatch for " + upload.name() + ": expected " + upload.sha256()
                    + ", received " + received + "; the upload was discarded");
        }
        Path target = root.resolve(upload.name());
        forget(upload.name());
        // The old file's digests go first: a crash then leaves the new file with none, never with wrong ones.
        Files.deleteIfExists(reader.digestsOf(upload.name()));
        long replaced = Files.exists(target) ? Files.size(target) : 0;
        Files.move(upload.part(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Instant modified = Files.getLastModifiedTime(target).toInstant();
        ObjectNode json = JSON.createObjectNode().put("size", upload.size()).put("sha256", upload.sha256())
                .put("chunk_size", upload.chunkSize());
        Files.writeString(meta.resolve(upload.name() + ".json"), JSON.writeValueAsString(json));
        Files.move(upload.digestsFile(), reader.digestsOf(upload.name()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(state);
        usedBytes -= replaced;
        return new FileInfo(upload.name(), upload.size(), upload.sha256(), modified, upload.chunkSize());
    }

    FileInfo stat(String name) throws FileServiceException, IOException {
        FileNames.check(name);
        FileInfo known = described.get(name);
        if (known != null) {
            return known;
        }
        Path file = root.resolve(name);
        Path info = meta.resolve(name + ".json");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(info)) {
            throw new FileServiceException("no file named \"" + name + "\"");
        }
        var json = JSON.readTree(info.toFile());
        FileInfo read = new FileInfo(name, json.path("size").asLong(), json.path("sha256").asText(),
                Files.getLastModifiedTime(file).toInstant(), json.path("chunk_size").asInt(0));
        described.put(name, read);
        return read;
    }

    /** Forgets what was cached about a name that is being replaced or deleted. */
    private void forget(String name) throws IOException {
        described.remove(name);
        reader.forget(name);
    }

    /** Stored files by name; uploads in progress are not listed. */
    List<FileInfo> list() throws IOException {
        List<FileInfo> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(entry)) {
                    continue;
                }
                try {
                    files.add(stat(name));
                } catch (FileServiceException notOurs) {
                    // A file put there by hand, without metadata: not served.
                }
            }
        }
        files.sort(java.util.Comparator.comparing(FileInfo::name));
        return files;
    }

    void delete(String name) throws FileServiceException, IOException {
        FileInfo info = stat(name);
        forget(name);
        Files.deleteIfExists(meta.resolve(name + ".json"));
        Files.deleteIfExists(reader.digestsOf(name));
        try {
            Files.delete(root.resolve(name));
        } catch (NoSuchFileException gone) {
            // Deleted meanwhile by hand: the end state is the same.
        }
        usedBytes -= info.size();
    }

    /** Chunk {@code index} of a stored file, with its digest ({@link ChunkReader}). */
    ChunkReader.Chunk read(FileInfo file, long index, int chunkSize) throws FileServiceException, IOException {
        return reader.read(file, index, chunkSize);
    }

    /** Closes the files held open; the store is not used afterwards. */
    void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Read-only: nothing to lose.
        }
        open.values().forEach(Upload::close);
    }

    /** Same name, size and digest: the same upload, so a restarted client resumes it. */
    private static String uploadId(String name, long size, String sha256) {
        var digest = Upload.sha256Digest();
        digest.update((name + "\n" + size + "\n" + sha256).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
    }
}
