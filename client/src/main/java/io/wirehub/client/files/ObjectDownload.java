package io.wirehub.client.files;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ObjectInfo;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;

import java.util.HexFormat;

/**
 * Gets one object into {@code DEST.part} and renames it to DEST once its size and SHA-256 match
 * the meta. The chunks come through an ordered consumer on the object's chunk subject (as jnats
 * reads them); a {@link ChunkWriter} writes and hashes behind. A killed get leaves the part file:
 * the next run keeps its whole chunks, finds where the next chunk sits in the stream with a
 * headers-only pass (no data moves) and fetches only the rest. The whole-file digest still
 * decides, so a part file of an older version of the object fails it, is removed, and the next
 * run starts over.
 */
final class ObjectDownload {
    private final Connection nc;
    private final String bucket;
    private final Duration timeout;
    private final TransferProgress progress;

    ObjectDownload(Connection nc, String bucket, Duration timeout, TransferProgress progress) {
        this.nc = nc;
        this.bucket = bucket;
        this.timeout = timeout;
        this.progress = progress;
    }

    RemoteFile get(ObjectInfo info, Path destination) throws IOException {
        int chunkSize = info.getObjectMeta().getObjectMetaOptions() == null ? 0
                : info.getObjectMeta().getObjectMetaOptions().getChunkSize();
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        MessageDigest whole = Sha256.digest();
        String chunkSubject = NatsObjectStoreUtil.toChunkPrefix(bucket) + info.getNuid();
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // Without the chunk size in the meta, whole chunks cannot be told apart: start over.
            long keptChunks = chunkSize <= 0 ? 0 : Math.min(channel.size() / chunkSize, info.getChunks());
            long kept = Math.min(keptChunks * Math.max(chunkSize, 0), info.getSize());
            channel.truncate(kept);
            if (kept > 0) {
                progress.start("verifying " + part.getFileName(), kept);
                Sha256.update(whole, part, kept, progress);
                progress.finish();
            }
            progress.start("downloading " + info.getObjectName(), info.getSize());
            progress.advanceTo(kept);
            long received = kept;
            if (keptChunks < info.getChunks()) {
                try (ChunkWriter writer = new ChunkWriter(channel, whole, kept)) {
                    received = fetch(info, chunkSubject, keptChunks, kept, writer);
                }
            }
            channel.force(true);
            if (received != info.getSize()) {
                throw new FileTransferException(info.getObjectName() + " has " + received + " bytes in its chunks, its"
                        + " meta says " + info.getSize());
            }
        }
        progress.finish();
        byte[] sha256 = whole.digest();
        String expected = ObjectFiles.hexDigest(info.getDigest());
        String got = HexFormat.of().formatHex(sha256);
        if (!got.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(part);
            throw new FileTransferException("SHA-256 mismatch for " + info.getObjectName() + ": expected " + expected
                    + ", received " + got + "; the partial file was removed");
        }
        Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return ObjectFiles.describe(info);
    }

    private long fetch(ObjectInfo info, String chunkSubject, long first, long position, ChunkWriter writer)
            throws IOException {
        JetStream js = nc.jetStream();
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder();
        if (first > 0) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(sequenceOf(js, chunkSubject, first));
        }
        JetStreamSubscription sub = subscribe(js, chunkSubject, config.build());
        try {
            for (long index = first; index < info.getChunks(); index++) {
                Message m = sub.nextMessage(timeout);
                if (m == null) {
                    throw new FileTransferException("chunk " + index + " of " + info.getObjectName()
                            + " did not arrive within " + timeout.toMillis() + " ms; run get again to resume");
                }
                byte[] data = m.getData() == null ? new byte[0] : m.getData();
                writer.write(data, position);
                position += data.length;
                progress.advanceTo(Math.min(position, info.getSize()));
                if (m.metaData().pendingCount() == 0 && index + 1 < info.getChunks()) {
                    throw new FileTransferException(info.getObjectName() + " is missing chunks: the bucket holds "
                            + (index + 1) + " of " + info.getChunks());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted; run get again to resume");
        } finally {
            unsubscribe(sub);
        }
        return position;
    }

    /** The stream sequence of chunk {@code index}: a headers-only pass over the chunks before it. */
    private long sequenceOf(JetStream js, String chunkSubject, long index) throws IOException {
        JetStreamSubscription sub = subscribe(js, chunkSubject, ConsumerConfiguration.builder().headersOnly(true).build());
        try {
            long sequence = 0;
            for (long i = 0; i < index; i++) {
                Message m = sub.nextMessage(timeout);
                if (m == null) {
                    throw new FileTransferException("the object's chunks did not arrive within " + timeout.toMillis()
                            + " ms");
                }
                sequence = m.metaData().streamSequence();
            }
            return sequence + 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted; run get again to resume");
        } finally {
            unsubscribe(sub);
        }
    }

    private JetStreamSubscription subscribe(JetStream js, String chunkSubject, ConsumerConfiguration config)
            throws IOException {
        try {
            return js.subscribe(chunkSubject, PushSubscribeOptions.builder().stream(ObjectBucket.stream(bucket))
                    .ordered(true).configuration(config).build());
        } catch (JetStreamApiException e) {
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        }
    }

    private static void unsubscribe(JetStreamSubscription sub) {
        try {
            sub.unsubscribe();
        } catch (RuntimeException ignored) {
            // The connection is closing: the ordered consumer goes with it.
        }
    }

}
