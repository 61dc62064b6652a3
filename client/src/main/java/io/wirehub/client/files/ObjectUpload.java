package io.wirehub.client.files;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.PublishAck;
import io.nats.client.PurgeOptions;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts one file into an Object Store bucket as jnats and the Go client do (ADR-20): its chunks
 * on {@code $O.<bucket>.C.<nuid>}, then the meta on {@code $O.<bucket>.M.<base64url name>} with
 * a subject roll-up, then the previous version's chunks purged. Only the meta makes the object
 * visible, so an interrupted put is never seen by readers.
 *
 * <p><b>Resuming.</b> The nuid is not random: it is derived from the bucket, the name, the
 * file's absolute path, size, modification time and the chunk size ({@link #uploadId}). Running
 * the same put again finds the chunks an interrupted run stored under that nuid (a stream info
 * with a subjects filter counts them), checks that the last one stored is the file's chunk at
 * that place, and sends only the rest. A file that changed gets another nuid, so stale chunks are
 * never mixed in. Up to {@code window} chunks are unacknowledged at once; chunks from one
 * connection are stored in order, so what a killed run left is a prefix.
 *
 * <p><b>A full bucket.</b> A put that the bucket's {@code max_bytes} cannot hold is refused
 * before sending; if the bucket fills during the put anyway, its chunks are purged (only its own
 * nuid's subject), so nothing already stored is touched.
 */
final class ObjectUpload {
    /** nats-server's code for a store refusal ("maximum bytes exceeded" and other limits). */
    private static final int STORE_FAILED = 10077;

    private final Connection nc;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final String bucket;
    private final int chunkSize;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;
    private final String stream;

    ObjectUpload(Connection nc, String bucket, int chunkSize, int window, Duration timeout, TransferProgress progress)
            throws IOException {
        this.nc = nc;
        this.js = nc.jetStream();
        this.jsm = nc.jetStreamManagement();
        this.bucket = bucket;
        this.chunkSize = chunkSize;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
        this.stream = ObjectBucket.stream(bucket);
    }

    /** The nuid of a put of this file as this name: the same for a rerun, another once the file changed. */
    static String uploadId(String bucket, String name, Path file, long size, long modifiedMillis, int chunkSize) {
        MessageDigest digest = Sha256.digest();
        String key = bucket + '\0' + name + '\0' + file.toAbsolutePath().normalize() + '\0' + size + '\0'
                + modifiedMillis + '\0' + chunkSize;
        byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
        // 22 characters like a NUID, all of them valid in a subject token.
        return HexFormat.of().formatHex(hash, 0, 11);
    }

    RemoteFile put(Path file, String name, ObjectBucket.State bucketState) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        long chunks = (size + chunkSize - 1) / chunkSize;
        String nuid = uploadId(bucket, name, file, size, modified, chunkSize);
        String chunkSubject = NatsObjectStoreUtil.toChunkPrefix(bucket) + nuid;
        ObjectInfo previous = ObjectFiles.info(nc, bucket, name);
        if (previous != null && nuid.equals(previous.getNuid()) && previous.getSize() == size) {
            // This very file is stored already (an earlier put finished, or got as far as its meta).
            return ObjectFiles.describe(previous);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long stored = resumable(channel, chunkSubject, chunks, size);
            long toSend = size - Math.min(size, stored * chunkSize);
            if (toSend > bucketState.free()) {
                purge(chunkSubject);
                throw full(name, size, bucketState);
            }
            MessageDigest whole = Sha256.digest();
            if (stored > 0) {
                progress.start("verifying what is stored of " + file.getFileName(), stored * chunkSize);
                Sha256.update(whole, file, Math.min(size, stored * chunkSize), progress);
                progress.finish();
            }
            progress.start("uploading " + name, size);
            progress.advanceTo(Math.min(size, stored * chunkSize));
            send(channel, whole, chunkSubject, stored, chunks, size, name, bucketState);
            progress.finish();
            long counted = storedChunks(chunkSubject);
            if (counted != chunks) {
                purge(chunkSubject);
                throw new FileTransferException("the bucket holds " + counted + " of " + chunks + " chunks after"
                        + " the upload; they were removed, run put again");
            }
            byte[] sha256 = whole.digest();
            ObjectInfo info = ObjectInfo.builder(bucket, ObjectMeta.builder(name).chunkSize(chunkSize).build())
                    .size(size).chunks(chunks).nuid(nuid)
                    .digest("SHA-256=" + Base64.getUrlEncoder().encodeToString(sha256)).build();
            publishMeta(info, chunkSubject, name, size, bucketState);
            if (previous != null && previous.getNuid() != null && !previous.getNuid().equals(nuid)) {
                purge(NatsObjectStoreUtil.toChunkPrefix(bucket) + previous.getNuid());
            }
            return new RemoteFile(name, size, HexFormat.of().formatHex(sha256), ZonedDateTime.now().toString(),
                    chunkSize);
        }
    }

    /**
     * How many of the file's chunks an earlier run stored under this nuid and may be kept: their
     * count, when the last of them is the file's chunk at that place; otherwise they are purged.
     */
    private long resumable(FileChannel channel, String chunkSubject, long chunks, long size) throws IOException {
        long stored = storedChunks(chunkSubject);
        if (stored == 0) {
            return 0;
        }
        if (stored <= chunks) {
            byte[] local = read(channel, stored - 1, size);
            try {
                MessageInfo last = jsm.getLastMessage(stream, chunkSubject);
                if (last != null && Arrays.equals(last.getData(), local)) {
                    return stored;
                }
            } catch (JetStreamApiException e) {
                // Fall through: start over.
            }
        }
        purge(chunkSubject);
        return 0;
    }

    private long storedChunks(String chunkSubject) throws IOException {
        try {
            var subjects = jsm.getStreamInfo(stream, StreamInfoOptions.filterSubjects(chunkSubject))
                    .getStreamState().getSubjects();
            if (subjects == null) {
                return 0;
            }
            return subjects.stream().filter(s -> s.getName().equals(chunkSubject)).mapToLong(Subject::getCount).sum();
        } catch (JetStreamApiException e) {
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        }
    }

    private byte[] read(FileChannel channel, long index, long size) throws IOException {
        long position = index * chunkSize;
        byte[] data = new byte[(int) Math.min(chunkSize, size - position)];
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new FileTransferException("the file shrank while uploading");
            }
        }
        return data;
    }

    private record Pending(long index, CompletableFuture<PublishAck> ack) {
    }

    private void send(FileChannel channel, MessageDigest whole, String chunkSubject, long first, long chunks, long size,
                      String name, ObjectBucket.State bucketState) throws IOException {
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        for (long index = first; index < chunks || !inFlight.isEmpty(); ) {
            if (index < chunks && inFlight.size() < window) {
                byte[] data = read(channel, index, size); // jnats keeps the array until it is sent
                whole.update(data);
                inFlight.add(new Pending(index, js.publishAsync(chunkSubject, data)));
                index++;
                continue;
            }
            Pending oldest = inFlight.poll();
            awaitAck(oldest, inFlight, chunkSubject, name, size, bucketState);
            progress.advanceTo(Math.min(size, (oldest.index() + 1) * chunkSize));
        }
    }

    private void awaitAck(Pending pending, ArrayDeque<Pending> others, String chunkSubject, String name, long size,
                          ObjectBucket.State bucketState) throws IOException {
        try {
            pending.ack().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            others.forEach(p -> p.ack().cancel(true));
            drain(others);
            purge(chunkSubject);
            JetStreamApiException api = apiError(e);
            if (api != null) {
                if (isFull(api)) {
                    throw full(name, size, bucketState);
                }
                throw new FileTransferException("the bucket refused chunk " + pending.index() + ": "
                        + api.getErrorDescription() + " (" + api.getApiErrorCode() + "); the partial upload was removed",
                        api);
            }
            throw new FileTransferException("chunk " + pending.index() + " was not stored: " + e.getCause()
                    + "; the partial upload was removed", e);
        } catch (TimeoutException e) {
            // Not known whether it was stored: keep what is there, a rerun checks and resumes.
            throw new FileTransferException("chunk " + pending.index() + " unacknowledged after "
                    + (timeout.toMillis() + 1000) + " ms; run put again to resume");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted; run put again to resume");
        }
    }

    /** Waits (bounded) for chunks already sent, so a purge after them removes them too. */
    private void drain(ArrayDeque<Pending> others) {
        for (Pending p : others) {
            try {
                p.ack().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // Refused or gone: nothing of it to remove.
            }
        }
        others.clear();
    }

    private void publishMeta(ObjectInfo info, String chunkSubject, String name, long size,
                             ObjectBucket.State bucketState) throws IOException {
        try {
            js.publish(NatsMessage.builder().subject(NatsObjectStoreUtil.toMetaPrefix(bucket)
                            + NatsObjectStoreUtil.encodeForSubject(info.getObjectName()))
                    .headers(NatsObjectStoreUtil.getMetaHeaders()).data(info.serialize()).build());
        } catch (JetStreamApiException e) {
            purge(chunkSubject);
            if (isFull(e)) {
                throw full(name, size, bucketState);
            }
            throw new FileTransferException("the bucket refused the object's meta: " + e.getErrorDescription()
                    + " (" + e.getApiErrorCode() + "); the partial upload was removed", e);
        }
    }

    /** jnats completes an async publish with the API error, sometimes wrapped in a RuntimeException. */
    private static JetStreamApiException apiError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return api;
            }
        }
        return null;
    }

    private static boolean isFull(JetStreamApiException e) {
        String text = String.valueOf(e.getErrorDescription());
        return text.contains("maximum bytes") || e.getApiErrorCode() == STORE_FAILED && text.contains("bytes");
    }

    private FileTransferException full(String name, long size, ObjectBucket.State state) {
        return new FileTransferException("bucket \"" + bucket + "\" is full: " + name + " needs " + size
                + " bytes, the bucket holds " + state.bytes() + " of its max_bytes " + state.maxBytes()
                + "; nothing of " + name + " was kept");
    }

    private void purge(String chunkSubject) {
        try {
            jsm.purgeStream(stream, PurgeOptions.subject(chunkSubject));
        } catch (IOException | JetStreamApiException ignored) {
            // Best effort: the chunks stay unreferenced, invisible, and a rerun of this put checks them.
        }
    }
}
