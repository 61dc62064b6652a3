package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Uploads one file to the store: hashes it, asks the service to start (or resume) the upload,
 * sends chunks with up to {@code window} unacknowledged, and commits. The service takes chunks
 * strictly in order and answers each with the index it wants next, so a lost or refused chunk
 * makes the sender go back to that index; an interrupted upload resumes where the service's
 * verified part file ends.
 */
final class Uploader {
    private static final int MAX_ATTEMPTS = 5;

    private final Connection nc;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;
    /** The chunk size the store is expected to answer with, for hashing chunks ahead ({@link UploadDigests}). */
    private final int expectedChunkSize;
    /** What the store answered with. */
    private int chunkSize;

    Uploader(Connection nc, int window, Duration timeout, TransferProgress progress, int expectedChunkSize) {
        this.nc = nc;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
        this.expectedChunkSize = expectedChunkSize;
    }

    /** The chunk size the store answered the last upload with (0 before). */
    int chunkSize() {
        return chunkSize;
    }

    RemoteFile upload(Path file, String name) throws IOException {
        long size = Files.size(file);
        progress.start("hashing " + file.getFileName(), size);
        UploadDigests digests = UploadDigests.of(file, size, expectedChunkSize, progress);
        String sha256 = digests.whole();
        progress.finish();
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("name", name);
        put.put("size", size);
        put.put("sha256", sha256);
        JsonValue started = Requests.json(nc, FileProtocol.PUT, put, timeout,
                "no file service answers (is the server started with --store DIR?)");
        String upload = JsonValueUtils.readString(started, "upload");
        chunkSize = JsonValueUtils.readInteger(started, "chunk_size", 0);
        long next = JsonValueUtils.readLong(started, "next", 0);
        if (upload == null || chunkSize <= 0) {
            throw new FileTransferException("the file service gave no upload id or chunk size: " + started.toJson());
        }
        progress.start("uploading " + name, size);
        progress.advanceTo(Math.min(size, next * chunkSize));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            send(channel, digests, upload, size, next);
        }
        progress.finish();
        JsonValue committed = Requests.json(nc, FileProtocol.COMMIT + upload, Map.of(), timeout,
                "the file service stopped answering before the commit");
        RemoteFile stored = ChunkSource.describe(committed);
        if (!sha256.equalsIgnoreCase(stored.sha256())) {
            throw new FileTransferException("the store reports SHA-256 " + stored.sha256() + ", the file has " + sha256);
        }
        return stored;
    }

    private record Pending(long index, CompletableFuture<Message> reply) {
    }

    private void send(FileChannel channel, UploadDigests digests, String upload, long size, long first)
            throws IOException {
        long chunks = (size + chunkSize - 1) / chunkSize;
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        long sent = first;
        int attempts = 0;
        for (long next = first; next < chunks; ) {
            while (sent < chunks && sent - next < window) {
                inFlight.add(new Pending(sent, sendChunk(channel, digests, upload, sent, size)));
                sent++;
            }
            Pending oldest = inFlight.poll();
            long wanted;
            try {
                Message reply = Requests.await(oldest.reply(), timeout);
                wanted = JsonValueUtils.readLong(Requests.parse(reply.getData()), "next", -1);
            } catch (Requests.Unanswered e) {
                if (++attempts > MAX_ATTEMPTS) {
                    throw new FileTransferException("chunk " + oldest.index() + " unacknowledged after " + MAX_ATTEMPTS
                            + " attempts (" + e.failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
                }
                wanted = next;
                Downloader.pause(e.failure, attempts);
            }
            if (wanted > oldest.index()) {
                attempts = wanted == oldest.index() + 1 ? 0 : attempts;
                next = Math.max(next, wanted);
                progress.advanceTo(Math.min(size, next * chunkSize));
            } else {
                // The service wants an earlier chunk (one was lost or refused): go back to it.
                inFlight.forEach(p -> p.reply().cancel(true));
                inFlight.clear();
                next = Math.max(wanted, 0);
                sent = next;
            }
        }
    }

    private CompletableFuture<Message> sendChunk(FileChannel channel, UploadDigests digests, String upload, long index,
                                                 long size) throws IOException {
        long position = index * chunkSize;
        int length = (int) Math.min(chunkSize, size - position);
        byte[] data = new byte[length]; // jnats keeps the array until the chunk is sent
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new FileTransferException("the file shrank while uploading");
            }
        }
        String sha256 = digests.chunk(index, chunkSize);
        Headers headers = new Headers().add(FileProtocol.HEADER_INDEX, Long.toString(index))
                .add(FileProtocol.HEADER_SHA256, sha256 != null ? sha256 : Sha256.hex(data, 0, length));
        return Requests.send(nc, FileProtocol.CHUNK + upload, headers, data, timeout);
    }
}
