package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads one file into {@code DEST.part} and renames it to DEST once the whole file's SHA-256
 * matches. Up to {@code window} chunk requests are in flight; chunks are written strictly in
 * order, each after its own SHA-256 matched, so the part file is always a verified prefix and a
 * later run resumes from its length. This thread receives and verifies; a {@link ChunkWriter}
 * writes and hashes the whole file alongside. A chunk whose request went unanswered is asked for again, a
 * bounded number of times.
 */
final class Downloader {
    private static final int MAX_ATTEMPTS = 5;

    private final Connection nc;
    private final ChunkSource source;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;

    Downloader(Connection nc, ChunkSource source, int window, Duration timeout, TransferProgress progress) {
        this.nc = nc;
        this.source = source;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Downloads to {@code destination}; returns what was verified. */
    RemoteFile download(Path destination) throws IOException {
        RemoteFile file = source.stat(nc, timeout);
        if (file.chunkSize() <= 0) {
            throw new FileTransferException("the sender gave no chunk size");
        }
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        MessageDigest whole = Sha256.digest();
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long kept = Math.min(channel.size() / file.chunkSize() * file.chunkSize(), file.size());
            channel.truncate(kept);
            if (kept > 0) {
                progress.start("verifying " + part.getFileName(), kept);
                Sha256.update(whole, part, kept, progress);
                progress.finish();
            }
            progress.start("downloading " + file.name(), file.size());
            progress.advanceTo(kept);
            try (ChunkWriter writer = new ChunkWriter(channel, whole, kept)) {
                fetch(file, writer, kept / file.chunkSize());
            }
            channel.force(true);
        }
        progress.finish();
        String received = HexFormat.of().formatHex(whole.digest());
        if (!received.equalsIgnoreCase(file.sha256())) {
            Files.deleteIfExists(part);
            throw new FileTransferException("SHA-256 mismatch for " + file.name() + ": expected " + file.sha256()
                    + ", received " + received + "; the partial file was removed");
        }
        Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private record Pending(long index, CompletableFuture<Message> reply) {
    }

    private void fetch(RemoteFile file, ChunkWriter writer, long first) throws IOException {
        long chunks = file.chunks();
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        long requested = first;
        long position = first * file.chunkSize();
        int attempts = 0;
        for (long next = first; next < chunks; ) {
            while (requested < chunks && requested - next < window) {
                inFlight.add(new Pending(requested, source.read(nc, requested, timeout)));
                requested++;
            }
            Pending oldest = inFlight.poll();
            Message reply;
            try {
                reply = Requests.await(oldest.reply(), timeout);
            } catch (Requests.Unanswered e) {
                if (++attempts > MAX_ATTEMPTS) {
                    throw new FileTransferException("chunk " + oldest.index() + " of " + file.name()
                            + " unanswered after " + MAX_ATTEMPTS + " attempts ("
                            + e.failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
                }
                // Ask again from this chunk: drop what was asked after it, pause if the sender is busy.
                inFlight.forEach(p -> p.reply().cancel(true));
                inFlight.clear();
                requested = next;
                pause(e.failure, attempts);
                continue;
            }
            attempts = 0;
            byte[] data = reply.getData() == null ? new byte[0] : reply.getData();
            String expected = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(FileProtocol.HEADER_SHA256);
            String actual = Sha256.hex(data, 0, data.length);
            if (!actual.equalsIgnoreCase(String.valueOf(expected))) {
                throw new FileTransferException("chunk " + next + " of " + file.name() + " SHA-256 mismatch: expected "
                        + expected + ", received " + actual);
            }
            long expectedLength = Math.min(file.chunkSize(), file.size() - position);
            if (data.length != expectedLength) {
                throw new FileTransferException("chunk " + next + " of " + file.name() + " holds " + data.length
                        + " bytes, expected " + expectedLength);
            }
            writer.write(data, position);
            position += data.length;
            next++;
            progress.advanceTo(position);
        }
    }

    static void pause(Requests.Failure failure, int attempt) throws FileTransferException {
        if (failure != Requests.Failure.NO_RESPONDERS) {
            return; // a timeout already waited
        }
        try {
            Thread.sleep(Math.min(2000, 50L << attempt)); // backoff while the service's queue drains
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
    }
}
